package io.tripwire.alert.routing;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.tripwire.controlplane.alert.Severity;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** A rule as the API shows it (targets as {channel, recipient}). */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record RuleView(long id, String name, int priority, List<String> severities, Map<String, String> matchLabels,
                       List<Map<String, String>> targets, List<Map<String, String>> escalation, boolean stopOnMatch,
                       boolean enabled, String createdBy, Instant createdAt, Instant updatedAt) {

    public static RuleView of(RoutingRule r) {
        return new RuleView(r.id(), r.name(), r.priority(), r.severities().stream().map(Severity::name).sorted().toList(),
                r.matchLabels(), RuleRepository.maps(r.targets()), RuleRepository.maps(r.escalation()), r.stopOnMatch(),
                r.enabled(), r.createdBy(), r.createdAt(), r.updatedAt());
    }
}
