package io.tripwire.papervenue.order;

import io.tripwire.papervenue.PaperVenueConfig;
import io.tripwire.papervenue.alpaca.AlpacaException;
import io.tripwire.papervenue.alpaca.Decimals;
import io.tripwire.papervenue.market.Instrument;
import io.tripwire.papervenue.market.Instruments;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.math.BigDecimal;
import java.util.Locale;
import java.util.UUID;
import java.util.function.Supplier;

/** Turns an Alpaca order body into a {@link PlaceOrder}, or refuses it with Alpaca's 422 and the field at fault. */
@Singleton
public class OrderValidator {

    static final int MAX_CLIENT_ORDER_ID = 128;

    private final Instruments instruments;
    private final PaperVenueConfig.Orders limits;
    private final Supplier<UUID> ids;

    @Inject
    public OrderValidator(Instruments instruments, PaperVenueConfig config) {
        this(instruments, config.orders(), UUID::randomUUID);
    }

    OrderValidator(Instruments instruments, PaperVenueConfig.Orders limits, Supplier<UUID> ids) {
        this.instruments = instruments;
        this.limits = limits;
        this.ids = ids;
    }

    public PlaceOrder validate(CreateOrderRequest request) {
        if (request.symbol() == null || request.symbol().isBlank()) {
            throw AlpacaException.invalid("symbol is required");
        }
        Instrument instrument = instruments.find(request.symbol())
                .orElseThrow(() -> AlpacaException.invalid("asset \"" + request.symbol() + "\" not found"));
        OrderSide side = OrderSide.fromWire(lower(request.side()))
                .orElseThrow(() -> AlpacaException.invalid("side must be buy or sell"));
        OrderType type = OrderType.fromWire(lower(request.type()))
                .orElseThrow(() -> AlpacaException.invalid("type must be market or limit"));
        TimeInForce tif = TimeInForce.fromWire(lower(request.timeInForce()))
                .orElseThrow(() -> AlpacaException.invalid("time_in_force must be day, gtc or ioc"));
        if (request.stopPrice() != null || (request.orderClass() != null && !request.orderClass().equals("simple"))) {
            throw AlpacaException.invalid("only simple market and limit orders are supported");
        }
        BigDecimal qty = positive("qty", request.qty(), Decimals.QTY_SCALE, limits.maxQty());
        BigDecimal notional = positive("notional", request.notional(), 2, limits.maxNotional());
        if ((qty == null) == (notional == null)) {
            throw AlpacaException.invalid(qty == null ? "qty or notional is required" : "only one of qty or notional is accepted");
        }
        if (notional != null && type != OrderType.MARKET) {
            throw AlpacaException.invalid("notional is only accepted for market orders");
        }
        BigDecimal limitPrice = positive("limit_price", request.limitPrice(), Decimals.PRICE_SCALE, limits.maxNotional());
        if (type == OrderType.LIMIT && limitPrice == null) {
            throw AlpacaException.invalid("limit_price is required for limit orders");
        }
        if (type == OrderType.MARKET && limitPrice != null) {
            throw AlpacaException.invalid("limit_price is only accepted for limit orders");
        }
        return new PlaceOrder(clientOrderId(request.clientOrderId()), instrument.symbol(), side, type, tif, qty, notional, limitPrice);
    }

    private String clientOrderId(String raw) {
        if (raw == null) {
            return ids.get().toString();
        }
        if (raw.isBlank() || raw.length() > MAX_CLIENT_ORDER_ID) {
            throw AlpacaException.invalid("client_order_id must be 1 to " + MAX_CLIENT_ORDER_ID + " characters");
        }
        return raw;
    }

    private static BigDecimal positive(String field, String raw, int maxScale, BigDecimal max) {
        BigDecimal value = Decimals.parse(field, raw);
        if (value == null) {
            return null;
        }
        if (value.signum() <= 0) {
            throw AlpacaException.invalid(field + " must be > 0");
        }
        BigDecimal plain = value.stripTrailingZeros();
        if (plain.scale() > maxScale) {
            throw AlpacaException.invalid(field + " has more than " + maxScale + " decimal places");
        }
        if (value.compareTo(max) > 0) {
            throw AlpacaException.invalid(field + " exceeds the maximum of " + max.toPlainString());
        }
        // No negative scales (1E+2) downstream: the wire and the database both want plain decimals.
        return plain.scale() < 0 ? plain.setScale(0) : plain;
    }

    private static String lower(String value) {
        return value == null ? null : value.toLowerCase(Locale.ROOT);
    }
}
