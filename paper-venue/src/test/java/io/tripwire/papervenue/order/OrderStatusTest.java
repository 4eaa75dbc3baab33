package io.tripwire.papervenue.order;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class OrderStatusTest {

    @Test
    void statusOnlyMovesForward() {
        assertThat(OrderStatus.ACCEPTED.canMoveTo(OrderStatus.NEW)).isTrue();
        assertThat(OrderStatus.NEW.canMoveTo(OrderStatus.FILLED)).isTrue();
        assertThat(OrderStatus.NEW.canMoveTo(OrderStatus.ACCEPTED)).isFalse();
        assertThat(OrderStatus.PARTIALLY_FILLED.canMoveTo(OrderStatus.NEW)).isFalse();
    }

    @Test
    void terminalStatusesNeverChange() {
        for (OrderStatus terminal : new OrderStatus[] {OrderStatus.FILLED, OrderStatus.CANCELED, OrderStatus.EXPIRED,
                OrderStatus.REJECTED}) {
            for (OrderStatus next : OrderStatus.values()) {
                assertThat(terminal.canMoveTo(next)).as(terminal + " -> " + next).isFalse();
            }
        }
    }

    @Test
    void openStatusesMatchTheSqlGuard() {
        assertThat(OrderStatus.open()).allSatisfy(s -> assertThat(OrderStatus.OPEN_SQL).contains("'" + s.wire() + "'"));
        assertThat(OrderStatus.OPEN_SQL.split(",")).hasSize(OrderStatus.open().size());
    }
}
