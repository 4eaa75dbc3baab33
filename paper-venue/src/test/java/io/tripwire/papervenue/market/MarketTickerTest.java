package io.tripwire.papervenue.market;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import io.tripwire.papervenue.TestConfigs;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class MarketTickerTest {

    private final MarketSimulator notRestored = new MarketSimulator(new Instruments(List.of(
            Instrument.of("AAPL", new BigDecimal("190"), new BigDecimal("0.01"), 5, 1))), null, TestConfigs.defaults(),
            Clock.systemUTC());

    @Test
    void aTickBeforeTheWalkIsRestoredIsSkippedInsteadOfFailing() {
        assertThat(notRestored.restored()).isFalse();
        // no cycle at all: a skipped tick must not touch it
        MarketTicker ticker = new MarketTicker(null, notRestored, TestConfigs.defaults());

        assertThatCode(() -> ticker.tick().await().atMost(Duration.ofSeconds(1))).doesNotThrowAnyException();
    }
}
