package io.tripwire.alert.intake;

import io.smallrye.mutiny.Uni;
import io.tripwire.alert.config.AlertRouterConfig;
import io.tripwire.alert.delivery.AlertMetrics;
import io.tripwire.alert.delivery.DeliveryDispatcher;
import io.tripwire.alert.routing.DefaultRoutes;
import io.tripwire.alert.routing.Route;
import io.tripwire.alert.routing.Router;
import io.tripwire.alert.routing.RoutingRule;
import io.tripwire.alert.routing.RuleRepository;
import io.tripwire.controlplane.state.StateCodec;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Stores a batch of received alerts in ONE PostgreSQL transaction: stream receipts (so a re-read entry is not
 * stored twice), routing against the current rules, then {@code alert_ingest} (dedup + alert + delivery rows).
 * Only once that commits may a stream entry be ACKed or an HTTP caller be answered 202.
 */
@ApplicationScoped
public class AlertIntake {

    private static final String RECEIPTS = "INSERT INTO alert_stream_receipts (stream_id, received_at) "
            + "SELECT unnest($1::text[]), $2 ON CONFLICT DO NOTHING RETURNING stream_id";
    private static final String INGEST = "SELECT idx, outcome, alert_id, deliveries "
            + "FROM alert_ingest($1::text::jsonb, $2, make_interval(secs => $3)) ORDER BY idx";

    private final Pool pool;
    private final RuleRepository rules;
    private final Router router;
    private final AlertRouterConfig config;
    private final Clock clock;
    private final AlertMetrics metrics;
    private final DeliveryDispatcher dispatcher;

    public AlertIntake(Pool pool, RuleRepository rules, AlertRouterConfig config, Clock clock, AlertMetrics metrics,
                       DeliveryDispatcher dispatcher) {
        this.pool = pool;
        this.rules = rules;
        this.router = new Router(DefaultRoutes.from(config.routes()));
        this.config = config;
        this.clock = clock;
        this.metrics = metrics;
        this.dispatcher = dispatcher;
    }

    /** Stores the batch; one result per input alert, in order. */
    public Uni<List<IngestResult>> store(List<IncomingAlert> alerts) {
        if (alerts.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        Instant now = clock.instant();
        return pool.withTransaction(tx -> fresh(tx, alerts, now)
                        .chain(fresh -> rules.enabled(tx).chain(current -> ingest(tx, alerts, fresh, current, now))))
                .invoke(results -> {
                    results.forEach(r -> metrics.intake(r.outcome()));
                    if (results.stream().anyMatch(r -> r.deliveries() > 0)) {
                        dispatcher.wake();
                    }
                });
    }

    private Uni<Set<String>> fresh(SqlClient tx, List<IncomingAlert> alerts, Instant now) {
        String[] ids = alerts.stream().map(IncomingAlert::streamId).filter(id -> id != null).toArray(String[]::new);
        if (ids.length == 0) {
            return Uni.createFrom().item(Set.of());
        }
        return tx.preparedQuery(RECEIPTS).execute(Tuple.of(ids, now.atOffset(ZoneOffset.UTC))).map(rows -> {
            Set<String> fresh = new HashSet<>();
            rows.forEach(row -> fresh.add(row.getString(0)));
            return fresh;
        });
    }

    private Uni<List<IngestResult>> ingest(SqlClient tx, List<IncomingAlert> alerts, Set<String> fresh,
                                           List<RoutingRule> current, Instant now) {
        List<Map<String, Object>> batch = new ArrayList<>();
        List<Integer> positions = new ArrayList<>();
        for (int i = 0; i < alerts.size(); i++) {
            IncomingAlert alert = alerts.get(i);
            if (alert.streamId() == null || fresh.contains(alert.streamId())) {
                batch.add(element(alert, router.route(alert.severity(), withSource(alert), current)));
                positions.add(i);
            }
        }
        IngestResult[] results = new IngestResult[alerts.size()];
        java.util.Arrays.fill(results, new IngestResult(IngestResult.ALREADY_STORED, null, 0));
        if (batch.isEmpty()) {
            return Uni.createFrom().item(List.of(results));
        }
        Tuple args = Tuple.of(StateCodec.encode(batch), now.atOffset(ZoneOffset.UTC), (double) config.dedupWindow().toMillis() / 1000.0);
        return tx.preparedQuery(INGEST).execute(args).map(rows -> {
            rows.forEach(row -> results[positions.get(row.getInteger("idx") - 1)] = new IngestResult(
                    row.getString("outcome"), row.getLong("alert_id"), row.getInteger("deliveries")));
            return List.of(results);
        });
    }

    private static Map<String, String> withSource(IncomingAlert alert) {
        Map<String, String> labels = new LinkedHashMap<>(alert.labels());
        labels.putIfAbsent("source", alert.source());
        return labels;
    }

    private static Map<String, Object> element(IncomingAlert a, Route route) {
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("dedup_key", a.dedupKey());
        e.put("severity", a.severity().name());
        e.put("status", a.resolved() ? "resolved" : "firing");
        e.put("source", a.source());
        e.put("summary", a.summary());
        e.put("details", a.details());
        e.put("intake", a.intake().name().toLowerCase(Locale.ROOT));
        e.put("created_at", a.createdAt().toString());
        e.put("targets", RuleRepository.maps(route.targets()));
        e.put("escalation", RuleRepository.maps(route.escalation()));
        if (a.poisonReason() != null) {
            e.put("poison_reason", a.poisonReason());
        }
        return e;
    }
}
