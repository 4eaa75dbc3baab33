package io.tripwire.reconciler.orders;

import static org.assertj.core.api.Assertions.assertThat;

import io.tripwire.controlplane.order.Order;
import io.tripwire.controlplane.order.OrderStatus;
import io.tripwire.controlplane.order.OrderType;
import io.tripwire.controlplane.order.Side;
import io.tripwire.controlplane.order.TimeInForce;
import io.tripwire.controlplane.venue.VenueOrder;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class OrderDiffTest {

    static final Instant NOW = Instant.parse("2026-03-02T15:00:00Z");
    static final Duration GRACE = Duration.ofSeconds(60);

    static Order order(String clientId, OrderStatus status, String filled, Instant updatedAt) {
        return new Order(UUID.randomUUID(), clientId, "h", "k", "s1", null, "AAPL", Side.BUY, OrderType.MARKET,
                TimeInForce.DAY, new BigDecimal("10"), null, null, false, null, status, new BigDecimal(filled), null,
                "paper", null, null, null, "api", updatedAt.minusSeconds(1), updatedAt);
    }

    static VenueOrder report(String clientId, OrderStatus status, String filled) {
        return new VenueOrder("v-" + clientId, clientId, "AAPL", true, new BigDecimal("10"), new BigDecimal(filled),
                null, status, NOW);
    }

    @Test
    void shouldAdvanceAnUnknownOrderTheVenueReportsFilled() {
        Order unknown = order("c1", OrderStatus.UNKNOWN, "0", NOW.minusSeconds(5));
        var result = OrderDiff.diff(List.of(unknown), List.of(), List.of(report("c1", OrderStatus.FILLED, "10")), NOW, GRACE);
        assertThat(result.of(OrderAction.Advance.class)).singleElement()
                .satisfies(a -> assertThat(a.report().status()).isEqualTo(OrderStatus.FILLED));
    }

    @Test
    void shouldNeverMoveAnOrderBackOrLowerItsFilledQuantity() {
        Order partly = order("c1", OrderStatus.PARTIALLY_FILLED, "6", NOW);
        var older = OrderDiff.diff(List.of(partly), List.of(), List.of(report("c1", OrderStatus.PARTIALLY_FILLED, "4")), NOW, GRACE);
        assertThat(older.of(OrderAction.Advance.class)).isEmpty();
        assertThat(older.of(OrderAction.Conflict.class)).hasSize(1);
        var accepted = OrderDiff.diff(List.of(partly), List.of(), List.of(report("c1", OrderStatus.ACCEPTED, "6")), NOW, GRACE);
        assertThat(accepted.of(OrderAction.InSync.class)).hasSize(1);
    }

    @Test
    void shouldAdvanceAPartialFillWhenTheVenueFilledMore() {
        Order partly = order("c1", OrderStatus.PARTIALLY_FILLED, "4", NOW);
        var result = OrderDiff.diff(List.of(partly), List.of(), List.of(report("c1", OrderStatus.PARTIALLY_FILLED, "7")), NOW, GRACE);
        assertThat(result.of(OrderAction.Advance.class)).hasSize(1);
    }

    @Test
    void shouldTreatAVenueOrderUnknownToPostgresAsAnOrphan() {
        var result = OrderDiff.diff(List.of(), List.of(), List.of(report("stranger", OrderStatus.ACCEPTED, "0")), NOW, GRACE);
        assertThat(result.of(OrderAction.Orphan.class)).singleElement()
                .satisfies(o -> assertThat(o.report().clientOrderId()).isEqualTo("stranger"));
    }

    @Test
    void shouldNotCallAKnownTerminalOrderAnOrphanButFlagAConflictWhenTheVenueDisagrees() {
        Order rejected = order("c1", OrderStatus.REJECTED, "0", NOW.minusSeconds(300));
        var result = OrderDiff.diff(List.of(), List.of(rejected), List.of(report("c1", OrderStatus.FILLED, "10")), NOW, GRACE);
        assertThat(result.of(OrderAction.Orphan.class)).isEmpty();
        assertThat(result.of(OrderAction.Conflict.class)).hasSize(1);
    }

    @Test
    void shouldLookUpOpenOrdersTheListingsDoNotShowButLeaveNewOnesToTheSubmitter() {
        Order submitted = order("c1", OrderStatus.SUBMITTED, "0", NOW.minusSeconds(5));
        Order fresh = order("c2", OrderStatus.NEW, "0", NOW.minusSeconds(5));
        var result = OrderDiff.diff(List.of(submitted, fresh), List.of(), List.of(), NOW, GRACE);
        assertThat(result.of(OrderAction.Lookup.class)).extracting(l -> l.order().clientOrderId()).containsExactly("c1");
    }

    @Test
    void shouldRejectAnUnknownOrderTheVenueDoesNotKnowOnlyAfterTheGracePeriod() {
        Order young = order("c1", OrderStatus.UNKNOWN, "0", NOW.minusSeconds(10));
        Order old = order("c2", OrderStatus.UNKNOWN, "0", NOW.minusSeconds(61));
        assertThat(OrderDiff.resolve(young, null, NOW, GRACE)).isInstanceOf(OrderAction.Pending.class);
        assertThat(OrderDiff.resolve(old, null, NOW, GRACE)).isInstanceOfSatisfying(OrderAction.Resolve.class,
                r -> assertThat(r.status()).isEqualTo(OrderStatus.REJECTED));
    }

    @Test
    void shouldCancelTheRemainderOfAPartialFillTheVenueNoLongerKnows() {
        Order partly = order("c1", OrderStatus.PARTIALLY_FILLED, "4", NOW.minusSeconds(600));
        assertThat(OrderDiff.resolve(partly, null, NOW, GRACE)).isInstanceOfSatisfying(OrderAction.Resolve.class,
                r -> assertThat(r.status()).isEqualTo(OrderStatus.CANCELED));
    }

    @Test
    void shouldApplyWhatATargetedLookupFinds() {
        Order submitted = order("c1", OrderStatus.SUBMITTED, "0", NOW.minusSeconds(600));
        assertThat(OrderDiff.resolve(submitted, report("c1", OrderStatus.ACCEPTED, "0"), NOW, GRACE))
                .isInstanceOfSatisfying(OrderAction.Advance.class, a -> assertThat(a.stale()).isTrue());
    }

    @Test
    void shouldMergeOpenAndHistoryListingsKeepingTheMostAdvancedReport() {
        Order accepted = order("c1", OrderStatus.ACCEPTED, "0", NOW);
        var result = OrderDiff.diff(List.of(accepted), List.of(),
                List.of(report("c1", OrderStatus.ACCEPTED, "0"), report("c1", OrderStatus.FILLED, "10")), NOW, GRACE);
        assertThat(result.of(OrderAction.Advance.class)).singleElement()
                .satisfies(a -> assertThat(a.report().status()).isEqualTo(OrderStatus.FILLED));
        assertThat(result.duplicateClientIds()).isEmpty();
    }

    @Test
    void shouldReportTwoVenueOrdersWithOneClientOrderId() {
        VenueOrder a = report("c1", OrderStatus.ACCEPTED, "0");
        VenueOrder b = new VenueOrder("other-id", "c1", "AAPL", true, BigDecimal.TEN, BigDecimal.ZERO, null,
                OrderStatus.ACCEPTED, NOW);
        var result = OrderDiff.diff(List.of(), List.of(), List.of(a, b), NOW, GRACE);
        assertThat(result.duplicateClientIds()).containsExactly("c1");
    }
}
