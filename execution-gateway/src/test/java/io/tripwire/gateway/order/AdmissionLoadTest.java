package io.tripwire.gateway.order;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class AdmissionLoadTest {

    @Test
    void placesAreTakenUpToTheBoundAndGivenBack() {
        AdmissionLoad load = new AdmissionLoad(2);
        assertThat(load.tryEnter()).isTrue();
        assertThat(load.tryEnter()).isTrue();
        assertThat(load.tryEnter()).isFalse();
        load.leave();
        assertThat(load.tryEnter()).isTrue();
        assertThat(load.inFlight()).isEqualTo(2);
    }

    @Test
    void manyThreadsRacingNeverHoldMoreThanTheBound() throws Exception {
        AdmissionLoad load = new AdmissionLoad(3);
        AtomicInteger maxSeen = new AtomicInteger();
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(16);
        for (int t = 0; t < 16; t++) {
            pool.submit(() -> {
                start.await();
                for (int i = 0; i < 10_000; i++) {
                    if (load.tryEnter()) {
                        maxSeen.accumulateAndGet(load.inFlight(), Math::max);
                        load.leave();
                    }
                }
                return null;
            });
        }
        start.countDown();
        pool.shutdown();
        assertThat(pool.awaitTermination(30, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        assertThat(maxSeen.get()).isBetween(1, 3);
        assertThat(load.inFlight()).isZero();
    }

    @Test
    void aBoundBelowOneIsAConfigurationError() {
        assertThatThrownBy(() -> new AdmissionLoad(0)).isInstanceOf(IllegalArgumentException.class);
    }
}
