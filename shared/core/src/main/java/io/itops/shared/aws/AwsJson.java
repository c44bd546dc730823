package io.itops.shared.aws;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Map;

/** The streaming JSON the AWS clients write and read: one factory, no data binding. */
final class AwsJson {
    static final JsonFactory FACTORY = new JsonFactory();

    @FunctionalInterface
    interface Writer {
        void write(JsonGenerator generator) throws IOException;
    }

    private AwsJson() {}

    static byte[] write(Writer writer) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        try (JsonGenerator generator = FACTORY.createGenerator(out)) {
            writer.write(generator);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** The scalar members of a JSON object, as text; nested objects, arrays and nulls are skipped. */
    static Map<String, String> scalars(byte[] json) throws IOException {
        Map<String, String> out = new HashMap<>();
        try (JsonParser p = FACTORY.createParser(json)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                return out;
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                JsonToken value = p.nextToken();
                if (value.isScalarValue() && value != JsonToken.VALUE_NULL) {
                    out.put(name, p.getText());
                } else {
                    p.skipChildren();
                }
            }
        }
        return out;
    }
}
