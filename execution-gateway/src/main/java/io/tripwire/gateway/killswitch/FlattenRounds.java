package io.tripwire.gateway.killswitch;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.HashMap;
import java.util.Map;

/** How many flatten orders an activation already placed per symbol (its round numbers), from {@code orders}. */
@ApplicationScoped
public class FlattenRounds {

    private static final String USED = """
            SELECT split_part(client_order_id, '-', 3) AS symbol, count(*) AS rounds
            FROM orders WHERE client_order_id LIKE $1 GROUP BY 1""";

    private final Pool pool;

    public FlattenRounds(Pool pool) {
        this.pool = pool;
    }

    public Uni<Map<String, Integer>> used(long killSwitchVersion) {
        return pool.preparedQuery(USED).execute(Tuple.of(FlattenPlanner.clientOrderIdPrefix(killSwitchVersion) + "%"))
                .map(rows -> {
                    Map<String, Integer> used = new HashMap<>();
                    rows.forEach(row -> used.put(row.getString("symbol"), row.getLong("rounds").intValue()));
                    return used;
                });
    }
}
