package io.tripwire.gateway.order;

import io.tripwire.controlplane.order.Side;
import io.tripwire.controlplane.order.OrderType;
import io.tripwire.controlplane.order.TimeInForce;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import java.math.BigDecimal;

/** {@code POST /api/v1/orders}: a new order as a client sends it. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record OrderRequest(
        @NotNull @Pattern(regexp = "[A-Za-z0-9.]{1,12}") String symbol,
        @NotNull Side side,
        @Positive @Digits(integer = 12, fraction = 8) BigDecimal qty,
        @Positive @Digits(integer = 12, fraction = 2) BigDecimal notional,
        @NotNull OrderType type,
        @Positive @Digits(integer = 12, fraction = 8) BigDecimal limitPrice,
        TimeInForce timeInForce,
        @Pattern(regexp = "[A-Za-z0-9._-]{1,64}") String clientOrderId,
        @Pattern(regexp = "[A-Za-z0-9._-]{1,64}") String strategyId,
        @Pattern(regexp = "[A-Za-z0-9._-]{1,64}") String artifactId,
        @DecimalMin("0") @DecimalMax("1") @Digits(integer = 1, fraction = 5) BigDecimal confidence,
        Boolean reduceOnly) {

    @JsonIgnore
    @AssertTrue(message = "exactly one of qty and notional is required")
    public boolean isQtyXorNotional() {
        return (qty == null) != (notional == null);
    }

    @JsonIgnore
    @AssertTrue(message = "limit_price is required for limit orders and not allowed for market orders")
    public boolean isLimitPriceConsistent() {
        return type == null || (type == OrderType.LIMIT) == (limitPrice != null);
    }

    @JsonIgnore
    @AssertTrue(message = "notional orders must be market orders")
    public boolean isNotionalOnlyForMarket() {
        return notional == null || type != OrderType.LIMIT;
    }

    @JsonIgnore
    public TimeInForce timeInForceOrDefault() {
        return timeInForce == null ? TimeInForce.DAY : timeInForce;
    }

    @JsonIgnore
    public boolean reduceOnlyOrDefault() {
        return Boolean.TRUE.equals(reduceOnly);
    }

    /** The same request with a client order id (from the Idempotency-Key header when the body has none). */
    public OrderRequest withClientOrderId(String id) {
        return new OrderRequest(symbol, side, qty, notional, type, limitPrice, timeInForce, id, strategyId, artifactId,
                confidence, reduceOnly);
    }
}
