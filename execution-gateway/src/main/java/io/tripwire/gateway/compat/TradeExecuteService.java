package io.tripwire.gateway.compat;

import io.smallrye.mutiny.Uni;
import io.tripwire.controlplane.reject.RejectCode;
import io.tripwire.controlplane.reject.RejectException;
import io.tripwire.gateway.GatewayConfig;
import io.tripwire.gateway.GatewayMetrics;
import io.tripwire.gateway.order.OrderRequest;
import io.tripwire.gateway.order.OrderService;
import io.tripwire.controlplane.order.OrderType;
import io.tripwire.controlplane.order.Side;
import io.tripwire.controlplane.order.TimeInForce;
import io.tripwire.gateway.risk.PreTradeChecks;
import jakarta.enterprise.context.ApplicationScoped;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Seed 001's trade execution, for real: validate, refuse below the confidence threshold (412), size by
 * {@link TradeSizing}, then place a notional MARKET order through {@link OrderService} like any other
 * order (every admission check applies). The idempotency key is the {@code Idempotency-Key} header, or
 * derived from the sized order and the UTC date, so the same request the same day places one order.
 */
@ApplicationScoped
public class TradeExecuteService {

    private final OrderService orders;
    private final PreTradeChecks checks;
    private final GatewayConfig config;
    private final io.tripwire.gateway.riskconfig.LiveLimits limits;
    private final CompatConfig compat;
    private final GatewayMetrics metrics;
    private final Clock clock;

    public TradeExecuteService(OrderService orders, PreTradeChecks checks, GatewayConfig config, CompatConfig compat,
                               GatewayMetrics metrics, Clock clock, io.tripwire.gateway.riskconfig.LiveLimits limits) {
        this.limits = limits;
        this.orders = orders;
        this.checks = checks;
        this.config = config;
        this.compat = compat;
        this.metrics = metrics;
        this.clock = clock;
    }

    public Uni<TradeExecuteResponse> execute(TradeExecuteRequest request, String idempotencyKey, String apiKeyPrefix) {
        Map<String, Object> fields = invalidFields(request, idempotencyKey);
        if (!fields.isEmpty()) {
            return reject(RejectCode.VALIDATION_FAILED, "request is invalid", Map.of("fields", fields));
        }
        BigDecimal threshold = limits.risk().confidenceThreshold();
        if (request.confidence().compareTo(threshold) < 0) {
            return reject(RejectCode.LOW_CONFIDENCE, "confidence below threshold",
                    Map.of("min", threshold, "got", request.confidence()));
        }
        String symbol = venueSymbol(request.symbol());
        BigDecimal target = limits.risk().targetAnnualVolatility();
        BigDecimal realized = compat.realizedVolatility().getOrDefault(symbol, compat.defaultRealizedVolatility().orElse(target));
        BigDecimal sized = TradeSizing.size(request.qtyUsd(), request.confidence(), target, realized);
        if (sized.signum() <= 0) {
            return reject(RejectCode.VALIDATION_FAILED, "sized order is below one cent",
                    Map.of("fields", Map.of("qtyUsd", "too small after sizing")));
        }
        Side side = Side.valueOf(request.side().toUpperCase(Locale.ROOT));
        String key = idempotencyKey != null ? idempotencyKey : derivedKey(symbol, side, sized, request.confidence());
        var order = new OrderRequest(symbol, side, null, sized, OrderType.MARKET, null, TimeInForce.DAY, key, null, null,
                request.confidence(), false);
        boolean paper = "paper".equalsIgnoreCase(config.tradingMode());
        return orders.place(order, apiKeyPrefix, "api").map(placed -> new TradeExecuteResponse(true, paper,
                new TradeExecuteResponse.Order(request.symbol(), request.side().toLowerCase(Locale.ROOT), sized,
                        request.confidence(), key, placed.order().id().toString(), placed.order().status().name()),
                (paper ? "Paper trading mode - order simulated" : "Live order placed")
                        + (placed.duplicate() ? " (already placed with this idempotency key)" : "")));
    }

    private Map<String, Object> invalidFields(TradeExecuteRequest r, String idempotencyKey) {
        Map<String, Object> fields = new LinkedHashMap<>();
        if (r == null) {
            fields.put("body", "required");
            return fields;
        }
        if (r.symbol() == null || !checks.isKnownSymbol(venueSymbol(r.symbol()))) {
            fields.put("symbol", "unknown symbol");
        }
        if (r.side() == null || !(r.side().equalsIgnoreCase("buy") || r.side().equalsIgnoreCase("sell"))) {
            fields.put("side", "buy or sell");
        }
        if (r.qtyUsd() == null || r.qtyUsd().signum() <= 0 || r.qtyUsd().compareTo(limits.risk().maxOrderNotional()) > 0) {
            fields.put("qtyUsd", "greater than 0 and at most " + limits.risk().maxOrderNotional().toPlainString());
        }
        if (r.confidence() == null || r.confidence().signum() < 0 || r.confidence().compareTo(BigDecimal.ONE) > 0) {
            fields.put("confidence", "between 0 and 1");
        }
        if (idempotencyKey != null && !idempotencyKey.matches("[A-Za-z0-9._-]{1,64}")) {
            fields.put("Idempotency-Key", "must match [A-Za-z0-9._-]{1,64}");
        }
        return fields;
    }

    /** Seed 001 trades crypto as {@code BTCUSDT}; the venue quotes {@code BTCUSD}. */
    private String venueSymbol(String symbol) {
        String upper = symbol == null ? "" : symbol.toUpperCase(Locale.ROOT);
        String usd = upper.endsWith("USDT") ? upper.substring(0, upper.length() - 1) : upper;
        return !checks.isKnownSymbol(upper) && checks.isKnownSymbol(usd) ? usd : upper;
    }

    private String derivedKey(String symbol, Side side, BigDecimal sized, BigDecimal confidence) {
        String canonical = String.join("|", symbol, side.name(), sized.toPlainString(),
                confidence.stripTrailingZeros().toPlainString(), clock.instant().atZone(ZoneOffset.UTC).toLocalDate().toString());
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(canonical.getBytes(StandardCharsets.UTF_8));
            return "te-" + HexFormat.of().formatHex(digest).substring(0, 32);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private <T> Uni<T> reject(RejectCode code, String message, Map<String, Object> details) {
        metrics.order("REJECTED", code.name());
        return Uni.createFrom().failure(new RejectException(code, message, details));
    }
}
