package io.tripwire.gateway.breaker;

import static org.assertj.core.api.Assertions.assertThat;

import io.tripwire.controlplane.venue.VenueAccount;
import java.math.BigDecimal;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class EquityPeakTest {

    private static final Instant MORNING = Instant.parse("2026-11-20T09:00:00Z");

    @Test
    void theDayStartsAtTheHigherOfEquityAndThePreviousClose() {
        assertThat(EquityPeak.none().observe(account("990", "1000"), MORNING).peak()).isEqualByComparingTo("1000");
    }

    @Test
    void thePeakOnlyRisesDuringTheDay() {
        EquityPeak peak = EquityPeak.none().observe(account("1000", "1000"), MORNING)
                .observe(account("1200", "1000"), MORNING.plusSeconds(60))
                .observe(account("1100", "1000"), MORNING.plusSeconds(120));
        assertThat(peak.peak()).isEqualByComparingTo("1200");
    }

    @Test
    void aNewUtcDayStartsANewPeak() {
        EquityPeak peak = EquityPeak.none().observe(account("1200", "1000"), MORNING)
                .observe(account("900", "950"), Instant.parse("2026-11-21T00:00:01Z"));
        assertThat(peak.peak()).isEqualByComparingTo("950");
    }

    private static VenueAccount account(String equity, String lastEquity) {
        return new VenueAccount(new BigDecimal(equity), new BigDecimal(lastEquity), BigDecimal.ZERO);
    }
}
