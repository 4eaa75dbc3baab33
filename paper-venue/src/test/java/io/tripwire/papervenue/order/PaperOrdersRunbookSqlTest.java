package io.tripwire.papervenue.order;

import static io.tripwire.papervenue.AlpacaOrders.limit;
import static io.tripwire.papervenue.AlpacaOrders.market;
import static io.tripwire.papervenue.AlpacaOrders.submit;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import io.tripwire.papervenue.VenueTestSupport;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Seed 004's runbook SQL on paper_orders runs unchanged against the venue's state. */
@QuarkusTest
class PaperOrdersRunbookSqlTest {

    /** Verbatim from the runbook's "View Paper Trades". */
    private static final String VIEW_PAPER_TRADES = """
            SELECT * FROM paper_orders\s
            WHERE created_at > NOW() - INTERVAL '24 hours'
            ORDER BY created_at DESC;""";

    /** Verbatim from the runbook's "Portfolio Summary". */
    private static final String PORTFOLIO_SUMMARY = """
            SELECT\s
              COUNT(*) as trades,
              SUM(CASE WHEN pnl > 0 THEN 1 ELSE 0 END) as wins,
              SUM(pnl) as total_pnl
            FROM paper_orders
            WHERE created_at > NOW() - INTERVAL '30 days';""";

    @Inject
    VenueTestSupport support;
    @Inject
    Pool pool;

    @BeforeEach
    void cleanState() {
        support.reset();
    }

    @Test
    void viewPaperTradesListsTheVenuesOrdersNewestFirst() {
        submit(market("AAPL", "10", "buy", "seed-1")).statusCode(200);
        submit(market("AAPL", "10", "sell", "seed-2")).statusCode(200);
        submit(limit("MSFT", "1", "buy", "100", "gtc", "seed-3")).statusCode(200);

        RowSet<Row> rows = pool.query(VIEW_PAPER_TRADES).execute().await().atMost(VenueTestSupport.WAIT);
        List<String> clientIds = new ArrayList<>();
        rows.forEach(row -> clientIds.add(row.getString("client_order_id")));
        assertThat(clientIds).containsExactly("seed-3", "seed-2", "seed-1");
        assertThat(rows.columnsNames()).contains("symbol", "side", "order_type", "quantity", "requested_price", "fill_price",
                "slippage", "commission", "status", "pnl", "created_at");
    }

    @Test
    void portfolioSummaryCountsTradesWinsAndTotalPnl() {
        submit(market("AAPL", "10", "buy", null)).statusCode(200);
        submit(market("AAPL", "10", "sell", null)).statusCode(200);
        submit(limit("MSFT", "1", "buy", "100", "gtc", null)).statusCode(200);
        BigDecimal realized = support.one("SELECT SUM(pnl) FROM paper_venue.paper_orders").getBigDecimal(0);

        Row summary = pool.query(PORTFOLIO_SUMMARY).execute().await().atMost(VenueTestSupport.WAIT).iterator().next();
        assertThat(summary.getLong("trades")).isEqualTo(3);
        assertThat(summary.getLong("wins")).isZero();
        assertThat(summary.getBigDecimal("total_pnl")).isEqualByComparingTo(realized).isNegative();
    }
}
