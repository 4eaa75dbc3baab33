package io.tripwire.gateway.risk;

import io.tripwire.controlplane.reject.RejectCode;
import io.tripwire.gateway.GatewayConfig;
import io.tripwire.gateway.order.OrderRequest;
import io.tripwire.gateway.riskconfig.LiveLimits;
import io.tripwire.controlplane.order.OrderType;
import jakarta.enterprise.context.ApplicationScoped;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Stateless pre-trade risk (DESIGN.md §4 step 3), pure: fat finger, price collar against a fresh
 * reference price (a missing or stale price refuses the order, it never skips the check), confidence.
 */
@ApplicationScoped
public class PreTradeChecks {

    private static final int QUANTITY_SCALE = 4;

    private final LiveLimits limits;
    private final Set<String> symbols;

    public PreTradeChecks(GatewayConfig config, LiveLimits limits) {
        this.limits = limits;
        this.symbols = config.symbols().stream().map(s -> s.toUpperCase(Locale.ROOT)).collect(Collectors.toSet());
    }

    /** Either a reject or the order sized and ready for admission. */
    public sealed interface Verdict {
    }

    public record Reject(RejectCode code, String message, Map<String, Object> details) implements Verdict {
    }

    /**
     * @param quantity          the order quantity (from qty, or notional ÷ reference price rounded down)
     * @param symbolCapQuantity the per-symbol USD cap in units at the reference price
     */
    public record Sized(String symbol, BigDecimal quantity, BigDecimal referencePrice, BigDecimal symbolCapQuantity,
                        BigDecimal positionLimit) implements Verdict {
    }

    public boolean isKnownSymbol(String symbol) {
        return symbol != null && symbols.contains(symbol.toUpperCase(Locale.ROOT));
    }

    public Verdict check(OrderRequest order, ReferencePrice price, Instant now) {
        GatewayConfig.Risk risk = limits.risk(); // the risk config in force now (one version per order)
        String symbol = order.symbol().toUpperCase(Locale.ROOT);
        if (!symbols.contains(symbol)) {
            return new Reject(RejectCode.VALIDATION_FAILED, "unknown symbol " + order.symbol(),
                    Map.of("fields", Map.of("symbol", "unknown symbol")));
        }
        if (price == null || price.isStale(now, risk.maxPriceAge())) {
            return new Reject(RejectCode.MARKET_PRICE_UNAVAILABLE, "no fresh reference price for " + symbol,
                    price == null ? Map.of() : Map.of("price_at", price.at().toString()));
        }
        if (!order.reduceOnlyOrDefault()) {
            Reject confidence = checkConfidence(order, risk);
            if (confidence != null) {
                return confidence;
            }
        }
        BigDecimal quantity = order.qty() != null ? order.qty()
                : order.notional().divide(price.last(), QUANTITY_SCALE, RoundingMode.DOWN);
        if (quantity.signum() <= 0) {
            return new Reject(RejectCode.VALIDATION_FAILED, "notional is below one tradable unit",
                    Map.of("fields", Map.of("notional", "too small")));
        }
        BigDecimal executionPrice = order.type() == OrderType.LIMIT ? order.limitPrice() : price.last();
        BigDecimal notional = quantity.multiply(executionPrice);
        if (quantity.compareTo(risk.maxOrderQuantity()) > 0 || notional.compareTo(risk.maxOrderNotional()) > 0) {
            return new Reject(RejectCode.FAT_FINGER, "order exceeds the fat-finger limits",
                    Map.of("quantity", quantity.toPlainString(), "notional", notional.toPlainString(),
                            "max_quantity", risk.maxOrderQuantity().toPlainString(),
                            "max_notional", risk.maxOrderNotional().toPlainString()));
        }
        if (order.type() == OrderType.LIMIT) {
            BigDecimal bps = order.limitPrice().subtract(price.last()).abs().movePointRight(4)
                    .divide(price.last(), 2, RoundingMode.UP);
            if (bps.compareTo(risk.priceCollarBps()) > 0) {
                return new Reject(RejectCode.PRICE_COLLAR, "limit price is outside the collar",
                        Map.of("limit_price", order.limitPrice().toPlainString(), "reference_price",
                                price.last().toPlainString(), "distance_bps", bps.toPlainString(),
                                "collar_bps", risk.priceCollarBps().toPlainString()));
            }
        }
        BigDecimal capQuantity = risk.perSymbolUsdCap().divide(price.last(), 8, RoundingMode.DOWN);
        return new Sized(symbol, quantity, price.last(), capQuantity, risk.maxPositionQuantity());
    }

    private static Reject checkConfidence(OrderRequest order, GatewayConfig.Risk risk) {
        if (order.confidence() == null) {
            return order.strategyId() == null ? null : new Reject(RejectCode.LOW_CONFIDENCE,
                    "strategy orders need a confidence", Map.of("threshold", risk.confidenceThreshold().toPlainString()));
        }
        if (order.confidence().compareTo(risk.confidenceThreshold()) < 0) {
            return new Reject(RejectCode.LOW_CONFIDENCE, "confidence below threshold",
                    Map.of("confidence", order.confidence().toPlainString(),
                            "threshold", risk.confidenceThreshold().toPlainString()));
        }
        return null;
    }
}
