package io.tripwire.controlplane.state;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StateCodecTest {

    private static final Instant AT = Instant.parse("2026-11-21T09:00:00Z");

    @Test
    void aBreakerStateSurvivesARoundTripWithSnakeCaseNames() {
        BreakerState tripped = BreakerState.initial().tripped("daily loss", Map.of("loss", "5000.00"), AT).withVersion(7);
        String json = StateCodec.encode(tripped);
        assertThat(json).contains("\"state\":\"TRIPPED\"", "\"tripped_at\":\"2026-11-21T09:00:00Z\"",
                "\"trip_reason\":\"daily loss\"", "\"trip_count_today\":1", "\"version\":7");
        assertThat(StateCodec.decode(json, BreakerState.class)).isEqualTo(ControlRead.present(tripped));
    }

    @Test
    void aKillSwitchStateSurvivesARoundTrip() {
        KillSwitchState active = KillSwitchState.initial().activated(KillSwitchMode.CLOSE_POSITIONS, "crash", "ops", AT);
        String json = StateCodec.encode(active);
        assertThat(json).contains("\"active\":true", "\"mode\":\"CLOSE_POSITIONS\"", "\"activated_by\":\"ops\"");
        assertThat(StateCodec.decode(json, KillSwitchState.class)).isEqualTo(ControlRead.present(active));
    }

    @Test
    void aReconciliationStateSurvivesARoundTrip() {
        var ready = new ReconciliationState(ReconciliationStatus.READY, "run-1", AT, AT.plusSeconds(3));
        assertThat(StateCodec.decode(StateCodec.encode(ready), ReconciliationState.class)).isEqualTo(ControlRead.present(ready));
    }

    @Test
    void aMissingKeyIsUnavailableNeverADefault() {
        assertThat(StateCodec.decode(null, BreakerState.class))
                .isInstanceOfSatisfying(ControlRead.Unavailable.class, u -> assertThat(u.cause()).isEqualTo(ControlRead.Cause.MISSING));
    }

    @Test
    void garbageIsUnparsable() {
        for (String garbage : new String[] {"", "not json", "{", "[]", "null", "42", "{\"state\":\"SIDEWAYS\"}"}) {
            assertThat(StateCodec.decode(garbage, BreakerState.class))
                    .as(garbage)
                    .isInstanceOfSatisfying(ControlRead.Unavailable.class,
                            u -> assertThat(u.cause()).isEqualTo(ControlRead.Cause.UNPARSABLE));
        }
    }

    @Test
    void aRecordWithMissingFieldsIsUnparsableRatherThanFilledIn() {
        assertThat(StateCodec.decode("{\"state\":\"OPEN\"}", BreakerState.class)).isInstanceOf(ControlRead.Unavailable.class);
        assertThat(StateCodec.decode("{\"active\":true,\"mode\":null,\"reason\":null,\"activated_by\":null,"
                + "\"activated_at\":null,\"version\":1}", KillSwitchState.class)).isInstanceOf(ControlRead.Unavailable.class);
    }

    @Test
    void quietPeriodEndsByItselfOnceItsTimeHasPassed() {
        BreakerState quiet = BreakerState.initial().tripped("x", null, AT).reset("ops", AT, AT.plusSeconds(60));
        assertThat(quiet.effectiveStatus(AT.plusSeconds(59))).isEqualTo(BreakerStatus.QUIET_PERIOD);
        assertThat(quiet.effectiveStatus(AT.plusSeconds(60))).isEqualTo(BreakerStatus.OPEN);
    }
}
