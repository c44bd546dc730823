package io.itops.shared.store;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * A DynamoDB item being written or read, with typed accessors. Item codecs (one per stored record)
 * use it to declare their attributes explicitly: no reflection, no bean schema at cold start.
 * Null values are simply not written, so absent and null read the same.
 */
public final class Item {
    private final Map<String, AttributeValue> values;

    private Item(Map<String, AttributeValue> values) {
        this.values = values;
    }

    public static Item create() {
        return new Item(new LinkedHashMap<>());
    }

    public static Item of(Map<String, AttributeValue> values) {
        return new Item(values == null ? Map.of() : values);
    }

    public Map<String, AttributeValue> values() {
        return values;
    }

    public boolean isEmpty() {
        return values.isEmpty();
    }

    public Item put(String name, String value) {
        if (value != null) values.put(name, s(value));
        return this;
    }

    public Item put(String name, Number value) {
        if (value != null) values.put(name, n(value));
        return this;
    }

    public Item put(String name, Boolean value) {
        if (value != null) values.put(name, AttributeValue.fromBool(value));
        return this;
    }

    public Item put(String name, Instant value) {
        if (value != null) values.put(name, s(value.toString()));
        return this;
    }

    public Item put(String name, LocalDate value) {
        if (value != null) values.put(name, s(value.toString()));
        return this;
    }

    public Item put(String name, Enum<?> value) {
        if (value != null) values.put(name, s(value.toString()));
        return this;
    }

    public Item putStrings(String name, Map<String, String> map) {
        if (map != null && !map.isEmpty()) {
            Map<String, AttributeValue> out = new LinkedHashMap<>();
            map.forEach((k, v) -> out.put(k, s(v)));
            values.put(name, AttributeValue.fromM(out));
        }
        return this;
    }

    public Item putList(String name, Collection<String> list) {
        if (list != null && !list.isEmpty()) {
            values.put(name, AttributeValue.fromL(list.stream().map(Item::s).toList()));
        }
        return this;
    }

    public Item putItem(String name, Item nested) {
        if (nested != null && !nested.isEmpty()) values.put(name, AttributeValue.fromM(nested.values));
        return this;
    }

    public String string(String name) {
        AttributeValue v = values.get(name);
        return v == null ? null : v.s() != null ? v.s() : v.n();
    }

    public Long longValue(String name) {
        AttributeValue v = values.get(name);
        return v == null || v.n() == null ? null : Long.parseLong(v.n());
    }

    public Integer integer(String name) {
        Long value = longValue(name);
        return value == null ? null : Math.toIntExact(value);
    }

    public BigDecimal decimal(String name) {
        AttributeValue v = values.get(name);
        return v == null || v.n() == null ? null : new BigDecimal(v.n());
    }

    public Boolean bool(String name) {
        AttributeValue v = values.get(name);
        return v == null ? null : v.bool();
    }

    public Instant instant(String name) {
        String value = string(name);
        return value == null ? null : Instant.parse(value);
    }

    public LocalDate date(String name) {
        String value = string(name);
        return value == null ? null : LocalDate.parse(value);
    }

    public <E extends Enum<E>> E enumValue(String name, java.util.function.Function<String, E> parse) {
        String value = string(name);
        return value == null ? null : parse.apply(value);
    }

    public Map<String, String> strings(String name) {
        AttributeValue v = values.get(name);
        if (v == null || !v.hasM()) return Map.of();
        Map<String, String> out = new LinkedHashMap<>();
        v.m().forEach((k, value) -> out.put(k, value.s()));
        return out;
    }

    public List<String> list(String name) {
        AttributeValue v = values.get(name);
        if (v == null || !v.hasL()) return List.of();
        List<String> out = new ArrayList<>();
        v.l().forEach(value -> out.add(value.s()));
        return out;
    }

    public Item item(String name) {
        AttributeValue v = values.get(name);
        return v == null || !v.hasM() ? null : Item.of(v.m());
    }

    public static AttributeValue s(String value) {
        return AttributeValue.fromS(value);
    }

    public static AttributeValue n(Number value) {
        return AttributeValue.fromN(value instanceof BigDecimal d ? d.toPlainString() : value.toString());
    }

    /** A mutable copy, for building expression values. */
    public static Map<String, AttributeValue> values(Object... nameValues) {
        Map<String, AttributeValue> out = new HashMap<>();
        for (int i = 0; i + 1 < nameValues.length; i += 2) {
            Object value = nameValues[i + 1];
            out.put((String) nameValues[i], value instanceof AttributeValue av ? av
                    : value instanceof Number num ? n(num)
                    : value instanceof Boolean b ? AttributeValue.fromBool(b)
                    : s(String.valueOf(value)));
        }
        return out;
    }
}
