package io.tripwire.gateway.killswitch;

import io.tripwire.controlplane.order.Order;
import io.tripwire.controlplane.order.Side;
import io.tripwire.gateway.risk.ReferencePrice;
import io.tripwire.controlplane.venue.VenuePosition;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Plans one flatten round, pure. For every position the venue reports, one reduce-only LIMIT order on
 * the closing side for what is not yet covered: |position| minus the unfilled quantity of every working
 * order on that side, so a retry or a slow fill never doubles. The limit price goes
 * {@code protection-band-bps} through the reference price (sell below, buy above; never a naked market
 * order); the size stays inside the fat-finger limits (the next round takes the rest). Client order ids
 * are deterministic per activation, symbol and round: {@code ks-{version}-{SYMBOL}-{round}}.
 */
public final class FlattenPlanner {

    private static final int QUANTITY_SCALE = 8;
    private static final int PRICE_SCALE = 2;
    private static final BigDecimal BPS = BigDecimal.valueOf(10_000);

    /** Limits a flatten order respects. */
    public record Limits(BigDecimal protectionBandBps, BigDecimal maxOrderQuantity, BigDecimal maxOrderNotional) {
    }

    /** One order to send. */
    public record Planned(String symbol, Side side, BigDecimal quantity, BigDecimal limitPrice, String clientOrderId) {
    }

    /**
     * @param flat    the venue reports no position at all
     * @param waiting symbols with a position that gets no order this round, and why
     */
    public record Plan(List<Planned> orders, Map<String, String> waiting, boolean flat) {
    }

    private final Limits limits;

    public FlattenPlanner(Limits limits) {
        this.limits = limits;
    }

    public static String clientOrderIdPrefix(long killSwitchVersion) {
        return "ks-" + killSwitchVersion + "-";
    }

    /**
     * @param open       the gateway's working orders (any provenance), read before the positions
     * @param roundsUsed per symbol, how many flatten orders this activation already placed
     * @param prices     reference prices per symbol (missing = none usable)
     */
    public Plan plan(long killSwitchVersion, List<VenuePosition> positions, List<Order> open,
                     Map<String, Integer> roundsUsed, Map<String, ReferencePrice> prices) {
        List<Planned> orders = new ArrayList<>();
        Map<String, String> waiting = new java.util.TreeMap<>();
        boolean flat = true;
        for (VenuePosition position : positions) {
            if (position.quantity().signum() == 0) {
                continue;
            }
            flat = false;
            String symbol = position.symbol().toUpperCase(Locale.ROOT);
            Side side = position.quantity().signum() > 0 ? Side.SELL : Side.BUY;
            BigDecimal working = open.stream().filter(o -> o.symbol().equalsIgnoreCase(symbol) && o.side() == side)
                    .map(Order::unfilled).reduce(BigDecimal.ZERO, BigDecimal::add);
            BigDecimal remaining = position.quantity().abs().subtract(working).setScale(QUANTITY_SCALE, RoundingMode.DOWN);
            ReferencePrice price = prices.get(symbol);
            if (remaining.signum() <= 0) {
                waiting.put(symbol, "working orders cover the position");
            } else if (price == null) {
                waiting.put(symbol, "no reference price");
            } else {
                BigDecimal limit = limitPrice(side, price.last());
                BigDecimal byNotional = limits.maxOrderNotional().divide(limit, QUANTITY_SCALE, RoundingMode.DOWN);
                BigDecimal quantity = remaining.min(limits.maxOrderQuantity()).min(byNotional).stripTrailingZeros();
                String id = clientOrderIdPrefix(killSwitchVersion) + symbol + "-" + roundsUsed.getOrDefault(symbol, 0);
                orders.add(new Planned(symbol, side, quantity, limit, id));
            }
        }
        return new Plan(orders, waiting, flat);
    }

    BigDecimal limitPrice(Side side, BigDecimal reference) {
        BigDecimal band = limits.protectionBandBps().divide(BPS, 10, RoundingMode.HALF_EVEN);
        return side == Side.SELL
                ? reference.multiply(BigDecimal.ONE.subtract(band)).setScale(PRICE_SCALE, RoundingMode.FLOOR)
                : reference.multiply(BigDecimal.ONE.add(band)).setScale(PRICE_SCALE, RoundingMode.CEILING);
    }
}
