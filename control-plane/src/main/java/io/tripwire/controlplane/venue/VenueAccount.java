package io.tripwire.controlplane.venue;

import java.math.BigDecimal;

/** Account figures the breaker watches: equity now and at the previous close (daily P&L = equity − last equity). */
public record VenueAccount(BigDecimal equity, BigDecimal lastEquity, BigDecimal cash) {

    public BigDecimal dailyPnl() {
        return equity.subtract(lastEquity);
    }
}
