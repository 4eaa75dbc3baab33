package io.tripwire.controlplane.riskconfig;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Field validation, normalization, merge and old → new of risk-configuration changes (pure). */
class RiskChangesTest {

    private static final String NOTIONAL = "gateway.risk.max-order-notional";
    private static final String CONFIDENCE = "gateway.risk.confidence-threshold";
    private static final String QUIET = "gateway.breaker.quiet-period";
    private static final String RATE = "gateway.rate-limits.per-key-per-second";

    @Test
    void everyBadValueIsAFieldErrorNamingTheField() {
        Map<String, String> requested = new HashMap<>();
        requested.put(NOTIONAL, "-5");
        requested.put(CONFIDENCE, "1.5");
        requested.put(QUIET, "soon");
        requested.put(RATE, "2.5");
        requested.put("gateway.risk.max-drawdown", "NaN");
        requested.put("gateway.risk.max-order-quantity", "1e-99");
        requested.put("gateway.risk.does-not-exist", "1");

        Map<String, String> problems = RiskChanges.problems(requested);

        assertThat(problems).containsOnlyKeys(NOTIONAL, CONFIDENCE, QUIET, RATE, "gateway.risk.max-drawdown",
                "gateway.risk.max-order-quantity", "gateway.risk.does-not-exist");
        assertThat(problems.get(NOTIONAL)).isEqualTo("must be between 1 and 1000000000000");
        assertThat(problems.get(CONFIDENCE)).isEqualTo("must be between 0 and 1");
        assertThat(problems.get(QUIET)).startsWith("must be a duration");
        assertThat(problems.get(RATE)).isEqualTo("must be a whole number");
        assertThat(problems.get("gateway.risk.does-not-exist")).isEqualTo("unknown setting");
    }

    @Test
    void goodValuesAreAcceptedAndStoredInOneSpelling() {
        assertThat(RiskChanges.problems(Map.of(NOTIONAL, "250000.00", QUIET, "PT2M", RATE, "50", CONFIDENCE, "0.75"))).isEmpty();
        RiskField notional = RiskFields.named(NOTIONAL).orElseThrow();
        RiskField quiet = RiskFields.named(QUIET).orElseThrow();
        assertThat(notional.normalize("250000.00")).isEqualTo("250000");
        assertThat(notional.parse("0.10")).isEqualTo(new BigDecimal("0.10"));
        assertThat(quiet.normalize("PT2M")).isEqualTo("120s");
        assertThat(quiet.normalize("1500ms")).isEqualTo("1500ms");
        assertThat(quiet.parse("90")).isEqualTo(Duration.ofSeconds(90));
    }

    @Test
    void aRequestChangesOnlyTheFieldsItNamesAndAnEmptyValueMeansTheDefault() {
        RiskSettings current = new RiskSettings(3, Map.of(NOTIONAL, "500000", RATE, "100"), null, null, null);

        Map<String, String> next = RiskChanges.merged(current, Map.of(NOTIONAL, "5000", RATE, ""));

        assertThat(next).containsExactlyEntriesOf(Map.of(NOTIONAL, "5000"));
        List<FieldChange> diff = RiskChanges.diff(current, next);
        assertThat(diff).containsExactly(
                new FieldChange(NOTIONAL, "500000", "5000", false, false, true),
                new FieldChange(RATE, "100", "200", false, true, false));
    }

    @Test
    void aFormRepeatingTheDefaultsDoesNotPinThem() {
        Map<String, String> form = new HashMap<>();
        RiskFields.ALL.forEach(f -> form.put(f.name(), f.defaultValue()));
        form.put(CONFIDENCE, "0.8");

        Map<String, String> next = RiskChanges.merged(RiskSettings.NONE, form);

        assertThat(next).containsExactlyEntriesOf(Map.of(CONFIDENCE, "0.8"));
        assertThat(RiskChanges.diff(RiskSettings.NONE, next))
                .containsExactly(new FieldChange(CONFIDENCE, "0.6", "0.8", true, false, true));
    }

    @Test
    void aLongerQuietPeriodIsTighterAndAHigherCapLooser() {
        var quiet = RiskChanges.diff(RiskSettings.NONE, Map.of(QUIET, "120s"));
        var cap = RiskChanges.diff(RiskSettings.NONE, Map.of(NOTIONAL, "2000000"));
        assertThat(quiet.get(0).tighter()).isTrue();
        assertThat(cap.get(0).tighter()).isFalse();
        assertThat(cap.get(0).direction()).isEqualTo("looser");
    }

    @Test
    void aStoredVersionWithNonTextOrUnknownValuesIsRefused() {
        assertThat(RiskChanges.problemsOfStored(Map.of(NOTIONAL, 5000))).containsKey(NOTIONAL);
        assertThat(RiskChanges.problemsOfStored(Map.of("bogus", "1"))).containsKey("bogus");
        assertThat(RiskChanges.problemsOfStored(Map.of(NOTIONAL, "5000"))).isEmpty();
    }

    @Test
    void theOverlayAnswersSetFieldsAndDelegatesTheRest() {
        interface Limits {
            BigDecimal maxOrderNotional();

            int perKeyPerSecond();

            Duration quietPeriod();
        }
        Limits base = new Limits() {
            public BigDecimal maxOrderNotional() { return new BigDecimal("1000000"); }
            public int perKeyPerSecond() { return 200; }
            public Duration quietPeriod() { return Duration.ofSeconds(60); }
        };
        RiskSettings settings = new RiskSettings(4, Map.of(NOTIONAL, "5000"), null, null, null);

        Limits risk = ConfigOverlay.over(Limits.class, base, "gateway.risk.", settings);

        assertThat(risk.maxOrderNotional()).isEqualByComparingTo("5000");
        assertThat(risk.perKeyPerSecond()).isEqualTo(200);
        assertThat(ConfigOverlay.over(Limits.class, base, "gateway.breaker.", settings)).isSameAs(base);
    }
}
