package io.tripwire.gateway.killswitch;

import static org.assertj.core.api.Assertions.assertThat;

import io.tripwire.controlplane.order.Order;
import io.tripwire.controlplane.order.OrderStatus;
import io.tripwire.controlplane.order.OrderType;
import io.tripwire.controlplane.order.Side;
import io.tripwire.controlplane.order.TimeInForce;
import io.tripwire.gateway.risk.ReferencePrice;
import io.tripwire.controlplane.venue.VenuePosition;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class FlattenPlannerTest {

    private static final Instant NOW = Instant.parse("2026-11-21T10:00:00Z");
    private final FlattenPlanner planner = new FlattenPlanner(new FlattenPlanner.Limits(new BigDecimal("100"),
            new BigDecimal("10000"), new BigDecimal("1000000")));
    private final Map<String, ReferencePrice> prices = Map.of("AAPL", price("200"), "SPY", price("500"), "BTCUSD", price("60000"));

    @Test
    void aLongIsSoldAndAShortBoughtWithLimitPricesOneHundredBasisPointsThroughTheMarket() {
        var plan = planner.plan(7, List.of(position("AAPL", "3"), position("SPY", "-2")), List.of(), Map.of(), prices);

        assertThat(plan.flat()).isFalse();
        assertThat(plan.orders()).containsExactly(
                new FlattenPlanner.Planned("AAPL", Side.SELL, new BigDecimal("3"), new BigDecimal("198.00"), "ks-7-AAPL-0"),
                new FlattenPlanner.Planned("SPY", Side.BUY, new BigDecimal("2"), new BigDecimal("505.00"), "ks-7-SPY-0"));
    }

    @Test
    void workingOrdersOnTheClosingSideAreSubtractedSoARetryNeverDoubles() {
        Order working = order("AAPL", Side.SELL, "3", "1"); // 2 still working
        var plan = planner.plan(7, List.of(position("AAPL", "3")), List.of(working), Map.of("AAPL", 1), prices);
        assertThat(plan.orders()).singleElement().satisfies(o -> {
            assertThat(o.quantity()).isEqualByComparingTo("1");
            assertThat(o.clientOrderId()).isEqualTo("ks-7-AAPL-1");
        });

        var covered = planner.plan(7, List.of(position("AAPL", "2")), List.of(working), Map.of("AAPL", 1), prices);
        assertThat(covered.orders()).isEmpty();
        assertThat(covered.waiting()).containsKey("AAPL");
    }

    @Test
    void ordersOnTheOtherSideDoNotCountAsCovering() {
        var plan = planner.plan(1, List.of(position("AAPL", "3")), List.of(order("AAPL", Side.BUY, "5", "0")), Map.of(), prices);
        assertThat(plan.orders()).singleElement().extracting(FlattenPlanner.Planned::quantity).isEqualTo(new BigDecimal("3"));
    }

    @Test
    void aPositionWithoutAReferencePriceWaits() {
        var plan = planner.plan(1, List.of(position("MSFT", "1")), List.of(), Map.of(), prices);
        assertThat(plan.orders()).isEmpty();
        assertThat(plan.waiting()).containsEntry("MSFT", "no reference price");
    }

    @Test
    void aHugePositionIsClosedInPiecesInsideTheFatFingerLimits() {
        var plan = planner.plan(1, List.of(position("BTCUSD", "40")), List.of(), Map.of(), prices);
        FlattenPlanner.Planned order = plan.orders().get(0);
        assertThat(order.quantity().multiply(order.limitPrice())).isLessThanOrEqualTo(new BigDecimal("1000000"));
        assertThat(order.quantity()).isEqualByComparingTo("16.83501683");
    }

    @Test
    void noPositionsMeansFlat() {
        assertThat(planner.plan(1, List.of(position("AAPL", "0")), List.of(), Map.of(), prices).flat()).isTrue();
        assertThat(planner.plan(1, List.of(), List.of(), Map.of(), prices).flat()).isTrue();
    }

    private static VenuePosition position(String symbol, String qty) {
        return new VenuePosition(symbol, new BigDecimal(qty), BigDecimal.ONE, BigDecimal.ONE, BigDecimal.ZERO);
    }

    private static ReferencePrice price(String last) {
        return new ReferencePrice(new BigDecimal(last), new BigDecimal(last), new BigDecimal(last), NOW);
    }

    private static Order order(String symbol, Side side, String qty, String filled) {
        return new Order(UUID.randomUUID(), "x", "h", null, null, null, symbol, side, OrderType.LIMIT, TimeInForce.IOC,
                new BigDecimal(qty), BigDecimal.ONE, BigDecimal.ONE, true, null, OrderStatus.ACCEPTED, new BigDecimal(filled),
                null, "paper", null, null, null, "kill-switch", NOW, NOW);
    }
}
