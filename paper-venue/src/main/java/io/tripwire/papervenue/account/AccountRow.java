package io.tripwire.papervenue.account;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/**
 * The row of {@code paper_venue.account}.
 *
 * @param lastEquity    equity at the close before {@code lastEquityDay} (the daily P&L baseline); null until first rolled
 * @param lastEquityDay the UTC day {@code lastEquity} is the baseline of
 */
public record AccountRow(UUID id, String accountNumber, String currency, BigDecimal cash, BigDecimal startingCash,
                         Instant createdAt, Instant updatedAt, BigDecimal lastEquity, LocalDate lastEquityDay) {
}
