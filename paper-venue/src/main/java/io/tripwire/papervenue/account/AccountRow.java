package io.tripwire.papervenue.account;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

/** The row of {@code paper_venue.account}. */
public record AccountRow(UUID id, String accountNumber, String currency, BigDecimal cash, BigDecimal startingCash,
                         Instant createdAt, Instant updatedAt) {
}
