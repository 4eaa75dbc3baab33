package io.tripwire.alert.routing;

import static org.assertj.core.api.Assertions.assertThat;

import io.tripwire.controlplane.alert.Severity;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Routing is pure: rules by priority, labels must match, unmatched alerts take the default route (seed 003). */
class RouterTest {

    private final DefaultRoutes defaults = new DefaultRoutes(
            new Route(List.of(t("email:ops@example.com")), List.of()),
            new Route(List.of(t("slack:#alerts-ops")), List.of()),
            new Route(List.of(t("pagerduty:platform-team"), t("sms:+15550001111")), List.of(t("slack:#alerts-ops"), t("email:ops@example.com"))));
    private final Router router = new Router(defaults);

    @Test
    void withoutRulesWarningGoesToSlackAndCriticalToPagerDutyAndSms() {
        assertThat(router.route(Severity.WARNING, Map.of(), List.of()).targets()).containsExactly(t("slack:#alerts-ops"));
        Route critical = router.route(Severity.CRITICAL, Map.of(), List.of());
        assertThat(critical.targets()).containsExactly(t("pagerduty:platform-team"), t("sms:+15550001111"));
        assertThat(critical.escalation()).containsExactly(t("slack:#alerts-ops"), t("email:ops@example.com"));
    }

    @Test
    void aMatchingRuleWinsAndStops() {
        var desk = rule(1, 10, Map.of("desk", "fx"), List.of(t("slack:#fx-desk")), true);
        var later = rule(2, 20, Map.of(), List.of(t("email:all@example.com")), true);
        assertThat(router.route(Severity.WARNING, Map.of("desk", "fx"), List.of(desk, later)).targets()).containsExactly(t("slack:#fx-desk"));
        assertThat(router.route(Severity.WARNING, Map.of("desk", "eq"), List.of(desk, later)).targets())
                .containsExactly(t("email:all@example.com"));
    }

    @Test
    void aRuleThatContinuesAddsTargetsAndCriticalKeepsAnEscalationChain() {
        var extra = rule(1, 10, Map.of(), List.of(t("email:risk@example.com")), false);
        Route route = router.route(Severity.CRITICAL, Map.of(), List.of(extra));
        assertThat(route.targets()).containsExactly(t("email:risk@example.com"));
        assertThat(route.escalation()).containsExactly(t("slack:#alerts-ops"), t("email:ops@example.com"));
    }

    @Test
    void targetsAreValidatedPerChannel() {
        assertThat(Target.parse("sms:+15550001111")).isPresent();
        assertThat(Target.parse("sms:5550001111")).isEmpty();
        assertThat(Target.parse("slack:webhook:ops")).isPresent();
        assertThat(Target.parse("pigeon:home")).isEmpty();
        assertThat(Target.parse("email:nobody")).isEmpty();
    }

    private static RoutingRule rule(long id, int priority, Map<String, String> labels, List<Target> targets, boolean stop) {
        return new RoutingRule(id, "r" + id, priority, EnumSet.of(Severity.WARNING, Severity.CRITICAL), labels, targets, List.of(),
                stop, true, "test", Instant.EPOCH, Instant.EPOCH);
    }

    private static Target t(String spec) {
        return Target.parse(spec).orElseThrow();
    }
}
