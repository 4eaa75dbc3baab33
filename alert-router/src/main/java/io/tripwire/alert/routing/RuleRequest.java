package io.tripwire.alert.routing;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.tripwire.alert.web.FieldErrors;
import io.tripwire.controlplane.alert.Severity;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Body of a rule create/replace: name (3-64), priority (default 100, lower first), severities (info|warning|critical,
 * at least one), match_labels (string → string), targets (1-10 of {channel, recipient}), escalation (0-10),
 * stop_on_match (default true), enabled (default true).
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record RuleRequest(String name, Integer priority, List<String> severities, Map<String, String> matchLabels,
                          List<TargetSpec> targets, List<TargetSpec> escalation, Boolean stopOnMatch, Boolean enabled) {

    /** A target as JSON: {@code {"channel": "sms", "recipient": "+15551234567"}}. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record TargetSpec(String channel, String recipient) {
    }

    public RuleDraft validate() {
        FieldErrors errors = new FieldErrors();
        if (name == null || !name.matches("[A-Za-z0-9 ._:-]{3,64}")) {
            errors.add("name", "3-64 letters, digits, space or ._:-");
        }
        if (priority != null && (priority < 0 || priority > 10_000)) {
            errors.add("priority", "must be between 0 and 10000");
        }
        Set<Severity> parsed = EnumSet.noneOf(Severity.class);
        if (severities == null || severities.isEmpty()) {
            errors.add("severities", "at least one of info, warning, critical");
        } else {
            for (String s : severities) {
                if (s == null || !s.matches("(?i)info|warning|critical")) {
                    errors.add("severities", "each must be info, warning or critical");
                } else {
                    parsed.add(Severity.valueOf(s.toUpperCase(Locale.ROOT)));
                }
            }
        }
        if (matchLabels != null && (matchLabels.size() > 20 || matchLabels.entrySet().stream().anyMatch(e ->
                e.getKey().isBlank() || e.getKey().length() > 100 || e.getValue() == null || e.getValue().length() > 500))) {
            errors.add("match_labels", "at most 20 labels; keys 1-100 characters, values non-null, at most 500");
        }
        List<Target> parsedTargets = targets("targets", targets, 1, errors);
        List<Target> parsedEscalation = targets("escalation", escalation, 0, errors);
        errors.throwIfAny();
        return new RuleDraft(name, priority == null ? 100 : priority, parsed, matchLabels == null ? Map.of() : Map.copyOf(matchLabels),
                parsedTargets, parsedEscalation, stopOnMatch == null || stopOnMatch, enabled == null || enabled);
    }

    private static List<Target> targets(String field, List<TargetSpec> specs, int min, FieldErrors errors) {
        List<Target> parsed = new ArrayList<>();
        if (specs == null || specs.size() < min || specs.size() > 10) {
            if (min > 0 || specs != null) {
                errors.add(field, "between " + min + " and 10 targets");
            }
            return parsed;
        }
        for (int i = 0; i < specs.size(); i++) {
            TargetSpec spec = specs.get(i);
            var target = spec == null ? java.util.Optional.<Target>empty() : Target.of(spec.channel(), spec.recipient());
            if (target.isEmpty()) {
                errors.add(field + "[" + i + "]", "channel must be email, slack, sms or pagerduty with a recipient valid for it "
                        + "(address; #channel or webhook:NAME; +E.164 number; PagerDuty service name)");
            } else if (!parsed.contains(target.get())) {
                parsed.add(target.get());
            }
        }
        return parsed;
    }
}
