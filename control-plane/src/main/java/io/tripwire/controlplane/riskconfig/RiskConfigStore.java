package io.tripwire.controlplane.riskconfig;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.smallrye.mutiny.Uni;
import io.tripwire.controlplane.state.StateCodec;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * PostgreSQL side of the risk configuration: {@code risk_config_versions} (append-only) and the
 * {@code control_events} row of each change. The newest version that still validates is the current one.
 */
@ApplicationScoped
public class RiskConfigStore {

    /** Versions looked at for the newest valid one. */
    static final int LOOK_BACK = 100;
    static final String CONTROL_KEY = "risk_config";
    private static final ObjectMapper JSON = JsonMapper.builder().build();
    private static final String NEWEST = """
            SELECT version, settings::text, created_at, created_by, reason FROM risk_config_versions
            ORDER BY version DESC LIMIT $1""";
    private static final String INSERT = """
            INSERT INTO risk_config_versions (version, settings, changes, created_at, created_by, reason)
            VALUES ($1, $2::text::jsonb, $3::text::jsonb, $4, $5, $6)""";
    private static final String INSERT_EVENT = """
            INSERT INTO control_events (control_key, action, direction, old_value, new_value, version, actor, reason, occurred_at)
            VALUES ($1, $2, $3, $4::text::jsonb, $5::text::jsonb, $6, $7, $8, $9)""";

    /**
     * What PostgreSQL holds: the newest valid version ({@link RiskSettings#NONE} when none), the newest version
     * number, and the field problems of the newest version when it does not validate (then it is refused).
     */
    public record Loaded(RiskSettings current, long newestVersion, Map<String, String> newestProblems) {
        public boolean newestRefused() {
            return !newestProblems.isEmpty();
        }
    }

    public Uni<Loaded> load(SqlClient client) {
        return client.preparedQuery(NEWEST).execute(Tuple.of(LOOK_BACK)).map(rows -> {
            List<Row> all = new ArrayList<>();
            rows.forEach(all::add);
            if (all.isEmpty()) {
                return new Loaded(RiskSettings.NONE, 0, Map.of());
            }
            long newest = all.get(0).getLong(0);
            Map<String, String> newestProblems = Map.of();
            for (Row row : all) {
                Map<String, ?> stored = decode(row.getString(1));
                Map<String, String> problems = stored == null ? Map.of("settings", "not a JSON object")
                        : RiskChanges.problemsOfStored(stored);
                if (row.getLong(0) == newest) {
                    newestProblems = problems;
                }
                if (problems.isEmpty()) {
                    @SuppressWarnings("unchecked") Map<String, String> values = (Map<String, String>) stored;
                    Map<String, String> normalized = new LinkedHashMap<>();
                    values.forEach((k, v) -> normalized.put(k, RiskFields.named(k).orElseThrow().normalize(v)));
                    return new Loaded(new RiskSettings(row.getLong(0), normalized, row.getOffsetDateTime(2).toInstant(),
                            row.getString(3), row.getString(4)), newest, newestProblems);
                }
            }
            return new Loaded(RiskSettings.NONE, newest, newestProblems);
        });
    }

    /** Appends version {@code version} and its control event, in the caller's transaction. */
    public Uni<Void> insert(SqlClient tx, long version, RiskSettings old, Map<String, String> settings,
                            List<FieldChange> changes, boolean tighter, Instant at, String actor, String reason) {
        var when = at.atOffset(ZoneOffset.UTC);
        String json = StateCodec.encode(new java.util.TreeMap<>(settings));
        Map<String, Object> changed = new LinkedHashMap<>();
        changes.forEach(c -> changed.put(c.field(), Map.of("old", c.oldValue(), "new", c.newValue())));
        Tuple row = Tuple.tuple().addLong(version).addString(json).addString(StateCodec.encode(changed))
                .addOffsetDateTime(when).addString(actor).addString(reason);
        Tuple event = Tuple.tuple().addString(CONTROL_KEY).addString("RISK_CONFIG_CHANGED")
                .addString(tighter ? "SAFETY_INCREASING" : "SAFETY_DECREASING")
                .addString(StateCodec.encode(old.sortedValues())).addString(json).addLong(version)
                .addString(actor).addString(reason).addOffsetDateTime(when);
        return tx.preparedQuery(INSERT).execute(row)
                .chain(() -> tx.preparedQuery(INSERT_EVENT).execute(event))
                .replaceWithVoid();
    }

    private static Map<String, ?> decode(String json) {
        try {
            Object value = JSON.readValue(json, Object.class);
            if (value instanceof Map<?, ?>) {
                return JSON.convertValue(value, new TypeReference<Map<String, Object>>() { });
            }
            return null;
        } catch (JsonProcessingException | IllegalArgumentException e) {
            return null;
        }
    }
}
