package io.itops.shared.aws;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.SdkField;
import software.amazon.awssdk.core.SdkPojo;
import software.amazon.awssdk.core.protocol.MarshallingType;
import software.amazon.awssdk.core.traits.ListTrait;
import software.amazon.awssdk.core.traits.MapTrait;
import software.amazon.awssdk.core.util.SdkAutoConstructList;
import software.amazon.awssdk.core.util.SdkAutoConstructMap;
import software.amazon.awssdk.utils.builder.SdkBuilder;

/**
 * The AWS JSON protocol for SDK model objects, driven by the metadata each generated model class
 * carries ({@link SdkPojo#sdkFields()}: JSON name, type, getter, setter): requests are written with
 * Jackson's streaming generator and answers read into the model's builders, with no reflection.
 * Idempotency tokens (e.g. TransactWriteItems' ClientRequestToken) get their generated default, as the
 * SDK gives them, so a retried transaction is applied once.
 */
public final class SdkJson {
    private SdkJson() {}

    public static byte[] write(SdkPojo pojo) {
        return AwsJson.write(g -> writePojo(g, pojo));
    }

    /** Fills {@code builder} (a model builder) from a JSON object and returns it; unknown names are skipped. */
    public static <B extends SdkPojo> B read(byte[] json, B builder) {
        if (json.length == 0) {
            return builder;
        }
        try (JsonParser p = AwsJson.FACTORY.createParser(json)) {
            if (p.nextToken() == JsonToken.START_OBJECT) {
                readPojo(p, builder);
            }
            return builder;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void writePojo(JsonGenerator g, SdkPojo pojo) throws IOException {
        g.writeStartObject();
        for (SdkField<?> field : pojo.sdkFields()) {
            Object value = field.getValueOrDefault(pojo);
            if (value == null || value instanceof SdkAutoConstructList || value instanceof SdkAutoConstructMap) {
                continue;
            }
            g.writeFieldName(field.locationName());
            writeValue(g, field, value);
        }
        g.writeEndObject();
    }

    private static void writeValue(JsonGenerator g, SdkField<?> field, Object value) throws IOException {
        MarshallingType<?> type = field.marshallingType();
        if (value == null) {
            g.writeNull();
        } else if (type == MarshallingType.STRING) {
            g.writeString(value.toString());
        } else if (type == MarshallingType.BOOLEAN) {
            g.writeBoolean((Boolean) value);
        } else if (type == MarshallingType.INTEGER || type == MarshallingType.LONG || type == MarshallingType.SHORT || type == MarshallingType.BYTE) {
            g.writeNumber(((Number) value).longValue());
        } else if (type == MarshallingType.DOUBLE || type == MarshallingType.FLOAT) {
            g.writeNumber(((Number) value).doubleValue());
        } else if (type == MarshallingType.BIG_DECIMAL) {
            g.writeNumber((BigDecimal) value);
        } else if (type == MarshallingType.INSTANT) {
            Instant instant = (Instant) value;
            g.writeNumber(BigDecimal.valueOf(instant.getEpochSecond()).add(BigDecimal.valueOf(instant.getNano(), 9)).stripTrailingZeros());
        } else if (type == MarshallingType.SDK_BYTES) {
            g.writeString(Base64.getEncoder().encodeToString(((SdkBytes) value).asByteArrayUnsafe()));
        } else if (type == MarshallingType.SDK_POJO) {
            writePojo(g, (SdkPojo) value);
        } else if (type == MarshallingType.LIST) {
            SdkField<?> member = field.getRequiredTrait(ListTrait.class).memberFieldInfo();
            g.writeStartArray();
            for (Object element : (List<?>) value) {
                writeValue(g, member, element);
            }
            g.writeEndArray();
        } else if (type == MarshallingType.MAP) {
            SdkField<?> member = field.getRequiredTrait(MapTrait.class).valueFieldInfo();
            g.writeStartObject();
            for (Map.Entry<?, ?> entry : ((Map<?, ?>) value).entrySet()) {
                g.writeFieldName(entry.getKey().toString());
                writeValue(g, member, entry.getValue());
            }
            g.writeEndObject();
        } else {
            throw new IllegalArgumentException("unsupported member " + field.memberName() + " of type " + type);
        }
    }

    private static void readPojo(JsonParser p, SdkPojo builder) throws IOException {
        List<SdkField<?>> fields = builder.sdkFields();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            SdkField<?> field = find(fields, p.currentName());
            p.nextToken();
            if (field == null) {
                p.skipChildren();
            } else {
                field.set(builder, readValue(p, field));
            }
        }
    }

    private static SdkField<?> find(List<SdkField<?>> fields, String name) {
        for (SdkField<?> field : fields) {
            if (name.equals(field.unmarshallLocationName())) {
                return field;
            }
        }
        return null;
    }

    private static Object readValue(JsonParser p, SdkField<?> field) throws IOException {
        if (p.currentToken() == JsonToken.VALUE_NULL) {
            return null;
        }
        MarshallingType<?> type = field.marshallingType();
        if (type == MarshallingType.STRING) {
            return p.getText();
        } else if (type == MarshallingType.BOOLEAN) {
            return p.getBooleanValue();
        } else if (type == MarshallingType.INTEGER) {
            return p.getIntValue();
        } else if (type == MarshallingType.LONG) {
            return p.getLongValue();
        } else if (type == MarshallingType.SHORT) {
            return p.getShortValue();
        } else if (type == MarshallingType.BYTE) {
            return p.getByteValue();
        } else if (type == MarshallingType.DOUBLE) {
            return p.getDoubleValue();
        } else if (type == MarshallingType.FLOAT) {
            return p.getFloatValue();
        } else if (type == MarshallingType.BIG_DECIMAL) {
            return p.getDecimalValue();
        } else if (type == MarshallingType.INSTANT) {
            if (p.currentToken() == JsonToken.VALUE_STRING) {
                return Instant.parse(p.getText());
            }
            BigDecimal seconds = p.getDecimalValue();
            return Instant.ofEpochSecond(seconds.longValue(), seconds.remainder(BigDecimal.ONE).movePointRight(9).longValue());
        } else if (type == MarshallingType.SDK_BYTES) {
            return SdkBytes.fromByteArrayUnsafe(Base64.getDecoder().decode(p.getText()));
        } else if (type == MarshallingType.SDK_POJO) {
            SdkPojo nested = field.constructor().get();
            readPojo(p, nested);
            return ((SdkBuilder<?, ?>) nested).build();
        } else if (type == MarshallingType.LIST) {
            SdkField<?> member = field.getRequiredTrait(ListTrait.class).memberFieldInfo();
            List<Object> list = new ArrayList<>();
            while (p.nextToken() != JsonToken.END_ARRAY) {
                list.add(readValue(p, member));
            }
            return list;
        } else if (type == MarshallingType.MAP) {
            SdkField<?> member = field.getRequiredTrait(MapTrait.class).valueFieldInfo();
            Map<String, Object> map = new LinkedHashMap<>();
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String key = p.currentName();
                p.nextToken();
                map.put(key, readValue(p, member));
            }
            return map;
        }
        p.skipChildren();
        return null;
    }
}
