package io.tripwire.reconciler.exposure;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ExposurePlanTest {

    static ExposurePlan.Values v(Long pos, Long wbuy, Long wsell) {
        return new ExposurePlan.Values(pos, wbuy, wsell);
    }

    @Test
    void shouldRewriteAMissingOrGarbledHashExactly() {
        var d = ExposurePlan.decide(v(null, null, null), v(5L, 2L, 0L), Map.of());
        assertThat(d.write()).isEqualTo(v(5L, 2L, 0L));
        assertThat(d.restored()).isTrue();
        assertThat(ExposurePlan.decide(v(5L, null, 0L), v(5L, 2L, 0L), Map.of()).write()).isEqualTo(v(5L, 2L, 0L));
    }

    @Test
    void shouldLeaveAHashThatAlreadyAgreesAlone() {
        assertThat(ExposurePlan.decide(v(5L, 2L, 1L), v(5L, 2L, 1L), Map.of()).write()).isNull();
    }

    @Test
    void shouldSetThePositionAndRaiseWorkingQuantitiesAtOnce() {
        var d = ExposurePlan.decide(v(0L, 0L, 0L), v(7L, 3L, 4L), Map.of());
        assertThat(d.write()).isEqualTo(v(7L, 3L, 4L));
    }

    @Test
    void shouldReleaseASurplusReservationOnlyWhenThePreviousRunSawItToo() {
        var first = ExposurePlan.decide(v(0L, 10L, 0L), v(0L, 4L, 0L), Map.of());
        assertThat(first.write()).isNull();
        assertThat(first.surplusBuy()).isEqualTo(6);
        var second = ExposurePlan.decide(v(0L, 10L, 0L), v(0L, 4L, 0L), Map.of("wbuy", first.surplusBuy()));
        assertThat(second.write()).isEqualTo(v(0L, 4L, 0L));
        assertThat(second.surplusBuy()).isZero();
    }

    @Test
    void shouldNotReleaseAReservationMadeAfterThePreviousRun() {
        var d = ExposurePlan.decide(v(0L, 13L, 0L), v(0L, 4L, 0L), Map.of("wbuy", 6L));
        assertThat(d.write()).isEqualTo(v(0L, 7L, 0L));
        assertThat(d.surplusBuy()).isEqualTo(3);
    }

    @Test
    void shouldCountQuantitiesInTheGatewaysUnits() {
        assertThat(Units.toUnits(new BigDecimal("1.5"))).isEqualTo(150_000_000L);
        assertThat(Units.toUnits(new BigDecimal("0.000000001"))).isEqualTo(1L);
        assertThat(Units.fromUnits(150_000_000L)).isEqualByComparingTo("1.5");
    }
}
