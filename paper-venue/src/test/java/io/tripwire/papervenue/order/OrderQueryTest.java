package io.tripwire.papervenue.order;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tripwire.papervenue.alpaca.AlpacaException;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class OrderQueryTest {

    @Test
    void defaultsAreOpenOrdersNewestFirstFiftyAtMost() {
        OrderQuery query = OrderQuery.parse(null, null, null, null, null, null);
        assertThat(query.whereClause()).isEqualTo("WHERE status IN " + OrderStatus.OPEN_SQL
                + " ORDER BY submitted_at DESC, id DESC LIMIT 50");
        assertThat(query.parameters().size()).isZero();
    }

    @Test
    void closedOrdersInATimeWindowForSomeSymbolsAscending() {
        OrderQuery query = OrderQuery.parse("closed", "5", "2026-11-20T00:00:00Z", "2026-11-21", "asc", "aapl, msft");
        assertThat(query.whereClause()).isEqualTo("WHERE status NOT IN " + OrderStatus.OPEN_SQL
                + " AND submitted_at > $1 AND submitted_at < $2 AND symbol = ANY($3) ORDER BY submitted_at ASC, id ASC LIMIT 5");
        assertThat(query.until()).isEqualTo(Instant.parse("2026-11-21T00:00:00Z"));
        assertThat(query.symbols()).containsExactly("AAPL", "MSFT");
    }

    @Test
    void allOrdersHaveNoStatusCondition() {
        assertThat(OrderQuery.parse("all", "500", null, null, "desc", "").whereClause())
                .isEqualTo("ORDER BY submitted_at DESC, id DESC LIMIT 500");
    }

    @Test
    void badParametersAreRefusedWith422() {
        assertThatThrownBy(() -> OrderQuery.parse("pending", null, null, null, null, null)).isInstanceOf(AlpacaException.class);
        assertThatThrownBy(() -> OrderQuery.parse(null, "0", null, null, null, null)).isInstanceOf(AlpacaException.class);
        assertThatThrownBy(() -> OrderQuery.parse(null, "501", null, null, null, null)).isInstanceOf(AlpacaException.class);
        assertThatThrownBy(() -> OrderQuery.parse(null, "ten", null, null, null, null)).isInstanceOf(AlpacaException.class);
        assertThatThrownBy(() -> OrderQuery.parse(null, null, "yesterday", null, null, null)).isInstanceOf(AlpacaException.class);
        assertThatThrownBy(() -> OrderQuery.parse(null, null, null, null, "up", null)).isInstanceOf(AlpacaException.class);
    }
}
