package io.tripwire.gateway.compat;

import java.math.BigDecimal;

/** Seed 001's answer shape: {@code {ok, dryRun, order{symbol, side, qtyUsd, confidence, idempotencyKey}, message}}, plus the Tripwire order id and status. */
public record TradeExecuteResponse(boolean ok, boolean dryRun, Order order, String message) {

    /** The order as seed 001 shows it; {@code qtyUsd} is the sized notional actually ordered. */
    public record Order(String symbol, String side, BigDecimal qtyUsd, BigDecimal confidence, String idempotencyKey,
                        String orderId, String status) {
    }
}
