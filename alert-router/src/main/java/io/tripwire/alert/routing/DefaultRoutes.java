package io.tripwire.alert.routing;

import io.tripwire.alert.config.AlertRouterConfig;
import io.tripwire.controlplane.alert.Severity;
import java.util.List;

/** The configured fallback route per severity ({@code alert.routes.*}); a malformed entry stops the start. */
public final class DefaultRoutes {

    private final Route info;
    private final Route warning;
    private final Route critical;

    public DefaultRoutes(Route info, Route warning, Route critical) {
        this.info = info;
        this.warning = warning;
        this.critical = critical;
    }

    public static DefaultRoutes from(AlertRouterConfig.Routes config) {
        return new DefaultRoutes(new Route(parse("alert.routes.info", config.info()), List.of()),
                new Route(parse("alert.routes.warning", config.warning()), List.of()),
                new Route(parse("alert.routes.critical", config.critical()),
                        parse("alert.routes.critical-escalation", config.criticalEscalation())));
    }

    public Route forSeverity(Severity severity) {
        return switch (severity) {
            case INFO -> info;
            case WARNING -> warning;
            case CRITICAL -> critical;
        };
    }

    private static List<Target> parse(String property, List<String> specs) {
        List<Target> targets = specs.stream().map(spec -> Target.parse(spec).orElseThrow(() ->
                new IllegalArgumentException(property + ": '" + spec + "' is not channel:recipient"))).toList();
        if (targets.isEmpty() && !property.endsWith("escalation")) {
            throw new IllegalArgumentException(property + " needs at least one target");
        }
        return targets;
    }
}
