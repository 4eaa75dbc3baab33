package io.tripwire.alert.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class BackoffTest {

    private final Backoff noJitter = new Backoff(Duration.ofSeconds(2), 2.0, Duration.ofMinutes(5), 0, Duration.ofMinutes(15), () -> 0.5);

    @Test
    void growsExponentiallyUpToTheCap() {
        assertThat(noJitter.delay(1, null)).hasSeconds(2);
        assertThat(noJitter.delay(2, null)).hasSeconds(4);
        assertThat(noJitter.delay(5, null)).hasSeconds(32);
        assertThat(noJitter.delay(20, null)).isEqualTo(Duration.ofMinutes(5));
    }

    @Test
    void honoursTheProvidersWaitButCapsIt() {
        assertThat(noJitter.delay(1, Duration.ofSeconds(30))).hasSeconds(30);
        assertThat(noJitter.delay(1, Duration.ofHours(3))).isEqualTo(Duration.ofMinutes(15));
        assertThat(noJitter.delay(8, Duration.ofSeconds(1))).isEqualTo(Duration.ofMinutes(4).plusSeconds(16));
    }

    @Test
    void jitterSpreadsWithinTheBand() {
        Backoff low = new Backoff(Duration.ofSeconds(10), 2.0, Duration.ofMinutes(5), 0.5, Duration.ofMinutes(15), () -> 0.0);
        Backoff high = new Backoff(Duration.ofSeconds(10), 2.0, Duration.ofMinutes(5), 0.5, Duration.ofMinutes(15), () -> 1.0);
        assertThat(low.delay(1, null)).hasSeconds(5);
        assertThat(high.delay(1, null)).hasSeconds(15);
    }
}
