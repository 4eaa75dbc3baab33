package io.tripwire.alert.routing;

import io.tripwire.controlplane.alert.Severity;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** A row of {@code alert_rules}: matches alerts by severity and labels; lower priority values are tried first. */
public record RoutingRule(long id, String name, int priority, Set<Severity> severities, Map<String, String> matchLabels,
                          List<Target> targets, List<Target> escalation, boolean stopOnMatch, boolean enabled,
                          String createdBy, Instant createdAt, Instant updatedAt) {

    /** True when the alert's severity is listed and every label of the rule equals the alert's. */
    public boolean matches(Severity severity, Map<String, String> labels) {
        return enabled && severities.contains(severity)
                && matchLabels.entrySet().stream().allMatch(e -> e.getValue().equals(labels.get(e.getKey())));
    }
}
