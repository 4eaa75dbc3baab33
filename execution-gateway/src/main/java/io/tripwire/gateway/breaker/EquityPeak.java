package io.tripwire.gateway.breaker;

import io.tripwire.controlplane.venue.VenueAccount;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;

/**
 * The day's equity peak (UTC days), the base of the drawdown rule. A new day starts from the previous
 * close's equity ({@code last_equity}), so a restart mid-day still measures from at least the open.
 */
public record EquityPeak(LocalDate day, BigDecimal peak) {

    public static EquityPeak none() {
        return new EquityPeak(null, null);
    }

    public EquityPeak observe(VenueAccount account, Instant at) {
        LocalDate today = at.atZone(ZoneOffset.UTC).toLocalDate();
        BigDecimal seen = account.equity().max(account.lastEquity());
        if (!today.equals(day) || peak == null) {
            return new EquityPeak(today, seen);
        }
        return new EquityPeak(day, peak.max(seen));
    }
}
