package io.itops.shared.store;

import io.itops.shared.store.TransactionWrites.Condition;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * An update expression that makes the named attributes of a stored item equal those of an item a
 * schema made: SET the ones it has, REMOVE the ones it lacks, and leave every other attribute alone.
 * For items with more than one writer (each owning some attributes), which the Enhanced Client's
 * whole-item updates cannot keep apart.
 */
public record AttributeUpdate(String expression, Map<String, String> names, Map<String, AttributeValue> values) {
    public static AttributeUpdate of(Map<String, AttributeValue> item, Collection<String> attributes) {
        return of(item, attributes, Set.of());
    }

    /** As {@link #of(Map, Collection)}, but the attributes in {@code keptWhereSet} are only set where the item has none yet. */
    public static AttributeUpdate of(Map<String, AttributeValue> item, Collection<String> attributes, Set<String> keptWhereSet) {
        Map<String, String> names = new LinkedHashMap<>();
        Map<String, AttributeValue> values = new HashMap<>();
        List<String> set = new ArrayList<>();
        List<String> remove = new ArrayList<>();
        int i = 0;
        for (String attribute : attributes) {
            String name = "#a" + i;
            String placeholder = ":a" + i;
            names.put(name, attribute);
            AttributeValue value = item.get(attribute);
            if (value != null) {
                set.add(name + " = " + (keptWhereSet.contains(attribute) ? "if_not_exists(" + name + ", " + placeholder + ")" : placeholder));
                values.put(placeholder, value);
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
    public Condition joined(Condition condition) {
        Map<String, String> allNames = new LinkedHashMap<>(names);
        allNames.putAll(condition.names());
        Map<String, AttributeValue> allValues = new HashMap<>(values);
        allValues.putAll(condition.values());
        return Condition.of(condition.expression(), allNames, allValues);
    }
}
