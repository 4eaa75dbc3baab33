package io.tripwire.reconciler.desk;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.SortedMap;

/**
 * A desk ticket: exactly one per 14:00 run. NO_TRADE (no lines) unless every gate passed, trade building is
 * enabled and a rebalance is due. {@code json} is the canonical rendering whose SHA-256 is {@code sha256};
 * {@code ticketId} derives from it, so the same inputs give the same ticket, bytes, hash and id.
 */
public record Ticket(String ticketId, LocalDate asofDate, String type, List<String> reasons, List<Line> lines,
                     Inputs inputs, String json, String markdown, String sha256) {

    public static final String TRADE = "TRADE";
    public static final String NO_TRADE = "NO_TRADE";

    /** One order a person places by hand. */
    public record Line(int sequence, String symbol, String side, BigDecimal units, BigDecimal limitPrice, int maxSlippageBps) {
    }

    /** Everything the ticket was decided from (part of the hashed bytes). */
    public record Inputs(String venue, List<String> gateReasons, boolean tradesAllowed, BigDecimal cash,
                         SortedMap<String, BigDecimal> positions, SortedMap<String, BigDecimal> closes,
                         SortedMap<String, BigDecimal> targets, BigDecimal minTradeNotional, int maxSlippageBps) {
    }

    public boolean trade() {
        return TRADE.equals(type);
    }
}
