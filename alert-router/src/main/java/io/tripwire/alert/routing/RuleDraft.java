package io.tripwire.alert.routing;

import io.tripwire.controlplane.alert.Severity;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** A validated rule as written by an operator (create or replace). */
public record RuleDraft(String name, int priority, Set<Severity> severities, Map<String, String> matchLabels,
                        List<Target> targets, List<Target> escalation, boolean stopOnMatch, boolean enabled) {
}
