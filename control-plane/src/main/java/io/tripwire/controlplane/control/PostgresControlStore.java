package io.tripwire.controlplane.control;

import io.smallrye.mutiny.Uni;
import io.tripwire.controlplane.state.ControlValue;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Iterator;

/** PostgreSQL side of the control state: {@code control_state} (current) and {@code control_events} (log). */
@ApplicationScoped
public class PostgresControlStore {

    private static final String SELECT = "SELECT value::text, version FROM control_state WHERE control_key = $1";
    private static final String SELECT_FOR_UPDATE = SELECT + " FOR UPDATE";
    private static final String UPSERT = """
            INSERT INTO control_state (control_key, value, version, updated_at, updated_by)
            VALUES ($1, $2::text::jsonb, $3, $4, $5)
            ON CONFLICT (control_key) DO UPDATE
              SET value = EXCLUDED.value, version = EXCLUDED.version,
                  updated_at = EXCLUDED.updated_at, updated_by = EXCLUDED.updated_by""";
    private static final String INSERT_EVENT = """
            INSERT INTO control_events (control_key, action, direction, old_value, new_value, version, actor, reason, occurred_at)
            VALUES ($1, $2, $3, $4::text::jsonb, $5::text::jsonb, $6, $7, $8, $9)""";

    /** A control_state row: {@code exists} false when there is no row at all. */
    public record Stored<T>(boolean exists, T value, long version) {
        static <T> Stored<T> none() {
            return new Stored<>(false, null, 0);
        }
    }

    public <T extends ControlValue> Uni<Stored<T>> read(SqlClient client, ControlKey<T> key, boolean forUpdate) {
        return client.preparedQuery(forUpdate ? SELECT_FOR_UPDATE : SELECT)
                .execute(Tuple.of(key.logicalName()))
                .map(rows -> toStored(key, rows));
    }

    /** Appends the event and moves the current row, in the caller's transaction. */
    public <T extends ControlValue> Uni<Void> write(SqlClient tx, ControlKey<T> key, String direction, String action,
                                                   T oldValue, T newValue, long version, String actor, String reason,
                                                   Instant at) {
        var when = at.atOffset(ZoneOffset.UTC);
        Tuple event = Tuple.tuple().addString(key.logicalName()).addString(action).addString(direction)
                .addString(key.toJson(oldValue)).addString(key.toJson(newValue)).addLong(version)
                .addString(actor).addString(reason).addOffsetDateTime(when);
        Tuple state = Tuple.of(key.logicalName(), key.toJson(newValue), version, when, actor);
        return tx.preparedQuery(INSERT_EVENT).execute(event)
                .chain(() -> tx.preparedQuery(UPSERT).execute(state))
                .replaceWithVoid();
    }

    private static <T extends ControlValue> Stored<T> toStored(ControlKey<T> key, RowSet<Row> rows) {
        Iterator<Row> it = rows.iterator();
        if (!it.hasNext()) {
            return Stored.none();
        }
        Row row = it.next();
        String json = row.getString(0);
        long version = row.getLong(1);
        if (json == null) {
            return new Stored<>(true, null, version);
        }
        // The truth store is written only by this code; a row that no longer decodes is a defect worth failing on.
        return new Stored<>(true, key.fromJson(json).orElseThrow(), version);
    }
}
