package io.itops.backup;

import io.itops.shared.store.TransactionWrites.Condition;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * An update expression that makes the named attributes of a stored item equal those of an item a
 * schema made: SET the ones it has, REMOVE the ones it lacks, and leave every other attribute alone.
 * Coverage items have two writers (the writers' attributes and the audit's marks), which the
 * Enhanced Client's whole-item updates cannot keep apart.
 */
record AttributeUpdate(String expression, Map<String, String> names, Map<String, AttributeValue> values) {
    static AttributeUpdate of(Map<String, AttributeValue> item, Collection<String> attributes) {
        Map<String, String> names = new LinkedHashMap<>();
        Map<String, AttributeValue> values = new HashMap<>();
        List<String> set = new ArrayList<>();
        List<String> remove = new ArrayList<>();
        int i = 0;
        for (String attribute : attributes) {
            String name = "#a" + i;
            names.put(name, attribute);
            AttributeValue value = item.get(attribute);
            if (value != null) {
                set.add(name + " = :a" + i);
                values.put(":a" + i, value);
            } else {
                remove.add(name);
            }
            i++;
        }
        List<String> clauses = new ArrayList<>();
        if (!set.isEmpty()) clauses.add("SET " + String.join(", ", set));
        if (!remove.isEmpty()) clauses.add("REMOVE " + String.join(", ", remove));
        return new AttributeUpdate(String.join(" ", clauses), names, values);
    }

    /** {@code condition} carrying this update's placeholders as well: one request has one set of them. */
    Condition joined(Condition condition) {
        Map<String, String> allNames = new LinkedHashMap<>(names);
        allNames.putAll(condition.names());
        Map<String, AttributeValue> allValues = new HashMap<>(values);
        allValues.putAll(condition.values());
        return Condition.of(condition.expression(), allNames, allValues);
    }
}
