package io.tripwire.gateway.compat;

import java.math.BigDecimal;

/** Seed 001's {@code POST /api/trade/execute} body: {@code {symbol, side: buy|sell, qtyUsd, confidence}}. */
public record TradeExecuteRequest(String symbol, String side, BigDecimal qtyUsd, BigDecimal confidence) {
}
