package io.tripwire.alert.poison;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;

/** Reads of {@code alert_deliveries} for the API: filtered lists (poison queue first) and single rows. */
@ApplicationScoped
public class DeliveryQueries {

    private static final String LIST = "SELECT " + DeliveryView.COLUMNS + " FROM alert_deliveries "
            + "WHERE ($1::text IS NULL OR status = $1) AND ($2::text IS NULL OR channel = $2) "
            + "ORDER BY CASE WHEN status = 'poison' THEN failed_at END DESC NULLS LAST, id DESC LIMIT $3";
    private static final String ONE = "SELECT " + DeliveryView.COLUMNS + " FROM alert_deliveries WHERE id = $1";
    private static final String OF_ALERT = "SELECT " + DeliveryView.COLUMNS + " FROM alert_deliveries WHERE alert_id = $1 ORDER BY id";

    private final Pool pool;

    public DeliveryQueries(Pool pool) {
        this.pool = pool;
    }

    public Uni<List<DeliveryView>> list(String status, String channel, int limit) {
        return pool.preparedQuery(LIST).execute(Tuple.of(status, channel, limit)).map(DeliveryQueries::all);
    }

    public Uni<DeliveryView> find(long id) {
        return find(pool, id);
    }

    public Uni<DeliveryView> find(SqlClient client, long id) {
        return client.preparedQuery(ONE).execute(Tuple.of(id)).map(rows -> {
            var it = rows.iterator();
            return it.hasNext() ? DeliveryView.from(it.next()) : null;
        });
    }

    public Uni<List<DeliveryView>> ofAlert(long alertId) {
        return pool.preparedQuery(OF_ALERT).execute(Tuple.of(alertId)).map(DeliveryQueries::all);
    }

    private static List<DeliveryView> all(RowSet<Row> rows) {
        List<DeliveryView> views = new ArrayList<>();
        rows.forEach(row -> views.add(DeliveryView.from(row)));
        return views;
    }
}
