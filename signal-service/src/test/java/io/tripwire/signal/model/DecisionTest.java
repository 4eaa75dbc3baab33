package io.tripwire.signal.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

/** Consensus decision rules (seed 001): threshold edges, flat never allowed. Plain JUnit: pure logic. */
class DecisionTest {

    private static final BigDecimal THRESHOLD = new BigDecimal("0.6");
    private static final BigDecimal DIRECTION = new BigDecimal("0.55");

    @Test
    void confidenceEqualToTheThresholdIsAllowed() {
        Decision d = Decision.of(0.8, THRESHOLD, DIRECTION, "m1");
        assertThat(d.signal()).isEqualTo("long");
        assertThat(d.probLong()).isEqualTo(0.8);
        assertThat(d.probShort()).isEqualTo(0.2);
        assertThat(d.confidence()).isEqualTo(0.6);
        assertThat(d.allow()).isTrue();
        assertThat(d.threshold()).isEqualTo(0.6);
        assertThat(d.modelVersion()).isEqualTo("m1");
    }

    @Test
    void confidenceJustBelowTheThresholdIsNotAllowed() {
        Decision d = Decision.of(0.7999994, THRESHOLD, DIRECTION, "m1"); // rounds to 0.799999 -> confidence 0.599998
        assertThat(d.signal()).isEqualTo("long");
        assertThat(d.confidence()).isEqualTo(0.599998);
        assertThat(d.allow()).isFalse();
        assertThat(d.outcome()).isEqualTo("low_confidence");
    }

    @Test
    void shortSignalsMirrorLongOnes() {
        Decision d = Decision.of(0.2, THRESHOLD, DIRECTION, "m1");
        assertThat(d.signal()).isEqualTo("short");
        assertThat(d.confidence()).isEqualTo(0.6);
        assertThat(d.allow()).isTrue();
    }

    @Test
    void flatIsNeverAllowedWhateverTheThreshold() {
        for (double p : new double[] {0.45, 0.5, 0.52, 0.55}) {
            for (String threshold : new String[] {"0", "0.05", "0.1"}) {
                Decision d = Decision.of(p, new BigDecimal(threshold), DIRECTION, "m1");
                assertThat(d.signal()).as("p=" + p).isEqualTo("flat");
                assertThat(d.allow()).as("p=" + p + " threshold=" + threshold).isFalse();
                assertThat(d.outcome()).isEqualTo("flat");
            }
        }
        // Just past the direction probability is a direction again.
        assertThat(Decision.of(0.550001, BigDecimal.ZERO, DIRECTION, "m1").signal()).isEqualTo("long");
        assertThat(Decision.of(0.449999, BigDecimal.ZERO, DIRECTION, "m1").signal()).isEqualTo("short");
    }

    @Test
    void probabilitiesSumToOneExactly() {
        Decision d = Decision.of(0.7310585786300049, THRESHOLD, DIRECTION, "m1");
        assertThat(d.probLong()).isEqualTo(0.731059);
        assertThat(d.probShort()).isEqualTo(0.268941);
        assertThat(new BigDecimal(Double.toString(d.probLong())).add(new BigDecimal(Double.toString(d.probShort()))))
                .isEqualByComparingTo("1");
        assertThat(d.confidence()).isEqualTo(0.462118);
    }
}
