package io.tripwire.papervenue.position;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/** PostgreSQL access to {@code paper_venue.positions}. Callers pass the pool or their transaction. */
@ApplicationScoped
public class PositionRepository {

    private static final String COLUMNS = "symbol, qty, avg_entry_price, realized_pnl, updated_at";
    private static final String FIND = "SELECT " + COLUMNS + " FROM paper_venue.positions WHERE symbol = $1";
    private static final String OPEN = "SELECT " + COLUMNS + " FROM paper_venue.positions WHERE qty <> 0 ORDER BY symbol";
    private static final String ALL = "SELECT " + COLUMNS + " FROM paper_venue.positions ORDER BY symbol";
    private static final String UPSERT = """
            INSERT INTO paper_venue.positions (symbol, qty, avg_entry_price, realized_pnl, updated_at)
            VALUES ($1, $2, $3, $4, $5)
            ON CONFLICT (symbol) DO UPDATE SET qty = EXCLUDED.qty, avg_entry_price = EXCLUDED.avg_entry_price,
                realized_pnl = EXCLUDED.realized_pnl, updated_at = EXCLUDED.updated_at""";

    /** The symbol's position; flat (never null) when it never traded. */
    public Uni<Position> find(SqlClient client, String symbol) {
        return client.preparedQuery(FIND).execute(Tuple.of(symbol))
                .map(rows -> rows.iterator().hasNext() ? from(rows.iterator().next()) : Position.flat(symbol));
    }

    /** Every non-flat position, by symbol. */
    public Uni<List<Position>> open(SqlClient client) {
        return client.query(OPEN).execute().map(rows -> {
            List<Position> positions = new ArrayList<>();
            rows.forEach(row -> positions.add(from(row)));
            return positions;
        });
    }

    /** Every position row, flat ones included (their realized P&L is history that must be kept). */
    public Uni<List<Position>> all(SqlClient client) {
        return client.preparedQuery(ALL).execute().map(rows -> {
            List<Position> positions = new ArrayList<>();
            rows.forEach(row -> positions.add(from(row)));
            return positions;
        });
    }

    public Uni<Void> save(SqlClient tx, Position position) {
        Tuple row = Tuple.of(position.symbol(), position.qty(), position.avgEntryPrice(), position.realizedPnl(),
                position.updatedAt().atOffset(ZoneOffset.UTC));
        return tx.preparedQuery(UPSERT).execute(row).replaceWithVoid();
    }

    private static Position from(Row row) {
        return new Position(row.getString("symbol"), row.getBigDecimal("qty"), row.getBigDecimal("avg_entry_price"),
                row.getBigDecimal("realized_pnl"), row.getOffsetDateTime("updated_at").toInstant());
    }
}
