package io.tripwire.alert.routing;

import com.fasterxml.jackson.core.type.TypeReference;
import io.smallrye.mutiny.Uni;
import io.tripwire.controlplane.alert.Severity;
import io.tripwire.controlplane.state.StateCodec;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;

/** {@code alert_rules}: read in the intake transaction (so a change applies to the next alert), written by the API. */
@ApplicationScoped
public class RuleRepository {

    private static final String COLUMNS = "id, name, priority, severities, match_labels::text, targets::text, escalation::text, "
            + "stop_on_match, enabled, created_by, created_at, updated_at";
    private static final String ENABLED = "SELECT " + COLUMNS + " FROM alert_rules WHERE enabled ORDER BY priority, id";
    private static final String ALL = "SELECT " + COLUMNS + " FROM alert_rules ORDER BY priority, id";
    private static final String ONE = "SELECT " + COLUMNS + " FROM alert_rules WHERE id = $1";
    private static final String INSERT = "INSERT INTO alert_rules (name, priority, severities, match_labels, targets, escalation, "
            + "stop_on_match, enabled, created_by, created_at, updated_at) VALUES ($1, $2, $3, $4::text::jsonb, $5::text::jsonb, "
            + "$6::text::jsonb, $7, $8, $9, $10, $10) RETURNING " + COLUMNS;
    private static final String UPDATE = "UPDATE alert_rules SET name = $2, priority = $3, severities = $4, match_labels = $5::text::jsonb, "
            + "targets = $6::text::jsonb, escalation = $7::text::jsonb, stop_on_match = $8, enabled = $9, updated_at = $10 "
            + "WHERE id = $1 RETURNING " + COLUMNS;
    private static final String DELETE = "DELETE FROM alert_rules WHERE id = $1 RETURNING " + COLUMNS;

    private final Pool pool;

    public RuleRepository(Pool pool) {
        this.pool = pool;
    }

    public Uni<List<RoutingRule>> enabled(SqlClient client) {
        return client.query(ENABLED).execute().map(RuleRepository::all);
    }

    public Uni<List<RoutingRule>> list() {
        return pool.query(ALL).execute().map(RuleRepository::all);
    }

    public Uni<RoutingRule> find(SqlClient client, long id) {
        return client.preparedQuery(ONE).execute(Tuple.of(id)).map(RuleRepository::first);
    }

    public Uni<RoutingRule> insert(SqlClient tx, RuleDraft d, String actor, Instant now) {
        Tuple t = Tuple.tuple().addString(d.name()).addInteger(d.priority()).addArrayOfString(names(d))
                .addString(StateCodec.encode(d.matchLabels())).addString(json(d.targets())).addString(json(d.escalation()))
                .addBoolean(d.stopOnMatch()).addBoolean(d.enabled()).addString(actor).addOffsetDateTime(now.atOffset(ZoneOffset.UTC));
        return tx.preparedQuery(INSERT).execute(t).map(RuleRepository::first);
    }

    public Uni<RoutingRule> update(SqlClient tx, long id, RuleDraft d, Instant now) {
        Tuple t = Tuple.tuple().addLong(id).addString(d.name()).addInteger(d.priority()).addArrayOfString(names(d))
                .addString(StateCodec.encode(d.matchLabels())).addString(json(d.targets())).addString(json(d.escalation()))
                .addBoolean(d.stopOnMatch()).addBoolean(d.enabled()).addOffsetDateTime(now.atOffset(ZoneOffset.UTC));
        return tx.preparedQuery(UPDATE).execute(t).map(RuleRepository::first);
    }

    public Uni<RoutingRule> delete(SqlClient tx, long id) {
        return tx.preparedQuery(DELETE).execute(Tuple.of(id)).map(RuleRepository::first);
    }

    /** The JSON form of targets stored in alert_rules and alerts.escalation: {@code [{"channel","recipient"}]}. */
    public static String json(List<Target> targets) {
        return StateCodec.encode(maps(targets));
    }

    public static List<Map<String, String>> maps(List<Target> targets) {
        return targets.stream().map(t -> Map.of("channel", t.channel().wire(), "recipient", t.recipient())).toList();
    }

    private static String[] names(RuleDraft d) {
        return d.severities().stream().map(Severity::name).sorted().toArray(String[]::new);
    }

    private static List<RoutingRule> all(RowSet<Row> rows) {
        List<RoutingRule> rules = new ArrayList<>();
        rows.forEach(row -> rules.add(from(row)));
        return rules;
    }

    private static RoutingRule first(RowSet<Row> rows) {
        var it = rows.iterator();
        return it.hasNext() ? from(it.next()) : null;
    }

    private static RoutingRule from(Row row) {
        EnumSet<Severity> severities = EnumSet.noneOf(Severity.class);
        Arrays.stream(row.getArrayOfStrings("severities")).map(Severity::valueOf).forEach(severities::add);
        return new RoutingRule(row.getLong("id"), row.getString("name"), row.getInteger("priority"), severities,
                read(row.getString("match_labels"), new TypeReference<Map<String, String>>() { }),
                targets(row.getString("targets")), targets(row.getString("escalation")), row.getBoolean("stop_on_match"),
                row.getBoolean("enabled"), row.getString("created_by"), row.getOffsetDateTime("created_at").toInstant(),
                row.getOffsetDateTime("updated_at").toInstant());
    }

    static List<Target> targets(String json) {
        List<Map<String, String>> raw = read(json, new TypeReference<List<Map<String, String>>>() { });
        return raw.stream().map(m -> Target.of(m.get("channel"), m.get("recipient")).orElseThrow(() ->
                new IllegalStateException("stored target is invalid: " + m))).toList();
    }

    private static <T> T read(String json, TypeReference<T> type) {
        try {
            return StateCodec.mapper().readValue(json, type);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("stored JSON is invalid", e);
        }
    }
}
