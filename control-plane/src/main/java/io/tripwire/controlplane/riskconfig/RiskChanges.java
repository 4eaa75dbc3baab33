package io.tripwire.controlplane.riskconfig;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Pure rules of a configuration change: field errors of a request, the settings it leads to (a request
 * changes only the fields it names; an empty value puts a field back to the service default), and the
 * old → new list of every field whose effective value moves.
 */
public final class RiskChanges {

    private RiskChanges() {
    }

    /** Field name → what is wrong; empty when every requested value is acceptable. */
    public static Map<String, String> problems(Map<String, String> requested) {
        Map<String, String> fields = new TreeMap<>();
        requested.forEach((name, raw) -> {
            var field = RiskFields.named(name);
            if (field.isEmpty()) {
                fields.put(String.valueOf(name), "unknown setting");
            } else if (raw != null && !raw.isBlank()) {
                String problem = field.get().problem(raw);
                if (problem != null) {
                    fields.put(name, problem);
                }
            }
        });
        return fields;
    }

    /** The settings after applying a valid request to {@code current}. */
    public static Map<String, String> merged(RiskSettings current, Map<String, String> requested) {
        Map<String, String> next = new HashMap<>(current.values());
        requested.forEach((name, raw) -> {
            RiskField field = RiskFields.named(name).orElseThrow();
            if (raw == null || raw.isBlank()) {
                next.remove(name);
                return;
            }
            String value = field.normalize(raw);
            boolean same = RiskField.compare(field.parse(value), field.parse(current.effective(field))) == 0;
            if (!(same && !current.isSet(field))) {
                next.put(name, value);
            }
        });
        return next;
    }

    /** Every catalog field whose effective value differs between the two, in catalog order. */
    public static List<FieldChange> diff(RiskSettings current, Map<String, String> next) {
        List<FieldChange> changes = new ArrayList<>();
        for (RiskField field : RiskFields.ALL) {
            String oldValue = current.effective(field);
            String newValue = next.getOrDefault(field.name(), field.defaultValue());
            Object o = field.parse(oldValue);
            Object n = field.parse(newValue);
            if (RiskField.compare(o, n) != 0) {
                changes.add(new FieldChange(field.name(), oldValue, newValue, !current.isSet(field),
                        !next.containsKey(field.name()), field.saferFirst(n, o) < 0));
            }
        }
        return changes;
    }

    /** The stored settings of one version, checked as strictly as a request: null values or problems refuse it. */
    public static Map<String, String> problemsOfStored(Map<String, ?> stored) {
        Map<String, String> asText = new HashMap<>();
        Map<String, String> fields = new TreeMap<>();
        stored.forEach((name, value) -> {
            if (!(value instanceof String s) || s.isBlank()) {
                fields.put(name, "not a text value");
            } else {
                asText.put(name, s);
            }
        });
        fields.putAll(problems(asText));
        return fields;
    }
}
