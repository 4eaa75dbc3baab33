package io.tripwire.controlplane.state;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
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

    @Test
    void aTradingGateCarriesTheEndOfItsTradingDayAlsoInEpochMillisForTheAdmissionScript() {
        Instant endOfDay = TradingGateState.endOfDay(LocalDate.parse("2026-11-21"), ZoneId.of("Europe/London"));
        var open = new TradingGateState(true, List.of(), AT, endOfDay, "desk", "run-1", 3);
        String json = StateCodec.encode(open);
        assertThat(json).contains("\"valid_until\":\"2026-11-22T00:00:00Z\"",
                "\"valid_until_epoch_ms\":" + endOfDay.toEpochMilli());
        assertThat(StateCodec.decode(json, TradingGateState.class)).isEqualTo(ControlRead.present(open));
    }

    @Test
    void anOpenGateStopsCountingWhenItsTradingDayEnds() {
        Instant endOfDay = TradingGateState.endOfDay(LocalDate.parse("2026-07-01"), ZoneId.of("Europe/London"));
        assertThat(endOfDay).isEqualTo(Instant.parse("2026-07-01T23:00:00Z")); // BST: midnight in London is 23:00 UTC
        var open = new TradingGateState(true, List.of(), AT, endOfDay, "desk", "run-1", 0);
        assertThat(open.openAt(endOfDay.minusMillis(1))).isTrue();
        assertThat(open.reasonsAt(endOfDay.minusMillis(1))).isEmpty();
        assertThat(open.openAt(endOfDay)).isFalse();
        assertThat(open.reasonsAt(endOfDay)).containsExactly(TradingGateState.EXPIRED);
    }

    @Test
    void aGateRecordedBeforeItHadATradingDayIsUnparsableSoItRefusesOrders() {
        String legacy = "{\"open\":true,\"reasons\":[],\"evaluated_at\":\"2026-11-21T09:00:00Z\","
                + "\"evaluated_by\":\"desk\",\"run_id\":\"r\",\"version\":1}";
        assertThat(StateCodec.decode(legacy, TradingGateState.class))
                .isInstanceOfSatisfying(ControlRead.Unavailable.class, u -> assertThat(u.cause()).isEqualTo(ControlRead.Cause.UNPARSABLE));
    }
}
