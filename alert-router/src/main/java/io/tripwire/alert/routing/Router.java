package io.tripwire.alert.routing;

import io.tripwire.controlplane.alert.Severity;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Pure routing decision (no I/O): rules in priority order add their targets until one that stops; an alert no rule
 * matches takes the default route of its severity, so every alert has at least one target. Targets are distinct;
 * escalation targets already among the targets are dropped.
 */
public final class Router {

    private final DefaultRoutes defaults;

    public Router(DefaultRoutes defaults) {
        this.defaults = defaults;
    }

    public Route route(Severity severity, Map<String, String> labels, List<RoutingRule> rules) {
        Set<Target> targets = new LinkedHashSet<>();
        Set<Target> escalation = new LinkedHashSet<>();
        for (RoutingRule rule : rules) {
            if (rule.matches(severity, labels)) {
                targets.addAll(rule.targets());
                escalation.addAll(rule.escalation());
                if (rule.stopOnMatch()) {
                    break;
                }
            }
        }
        if (targets.isEmpty()) {
            Route fallback = defaults.forSeverity(severity);
            targets.addAll(fallback.targets());
            escalation.addAll(fallback.escalation());
        }
        if (severity == Severity.CRITICAL && escalation.isEmpty()) {
            escalation.addAll(defaults.forSeverity(Severity.CRITICAL).escalation());
        }
        escalation.removeAll(targets);
        return new Route(new ArrayList<>(targets), new ArrayList<>(escalation));
    }
}
