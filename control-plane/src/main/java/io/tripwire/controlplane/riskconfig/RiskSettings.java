package io.tripwire.controlplane.riskconfig;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * One valid version of the risk configuration: the settings an administrator set (property name →
 * normalized value); a field not in {@code values} is the service's own setting. Version 0 = nothing set.
 */
public record RiskSettings(long version, Map<String, String> values, Instant createdAt, String createdBy, String reason) {

    public static final RiskSettings NONE = new RiskSettings(0, Map.of(), null, null, null);

    public RiskSettings {
        values = Map.copyOf(values);
    }

    /** The value set for this field in its Java type (see {@link RiskField#parse}). */
    public Optional<Object> typed(String name) {
        String raw = values.get(name);
        return raw == null ? Optional.empty() : RiskFields.named(name).map(f -> f.parse(raw));
    }

    /** What the field is under this version: the value set, else the catalog default. */
    public String effective(RiskField field) {
        return values.getOrDefault(field.name(), field.defaultValue());
    }

    public boolean isSet(RiskField field) {
        return values.containsKey(field.name());
    }

    /** Sorted, for stable JSON and audit rows. */
    public Map<String, String> sortedValues() {
        return new TreeMap<>(values);
    }
}
