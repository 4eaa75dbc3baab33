package io.tripwire.reconciler.desk;

import io.smallrye.mutiny.Uni;
import io.tripwire.controlplane.state.StateCodec;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;

/**
 * The desk's scheduled runs (seed 002): ops/08:00 (data-quality report + gates), daily reconciliation of a broker
 * snapshot, 14:00 (the one deterministic ticket). Each run stores its report and a {@code desk_runs} row in one
 * transaction, then records the gate evaluation on the gateway's gate keys, then writes its run summary.
 */
@ApplicationScoped
public class DeskService {

    private static final DateTimeFormatter RUN_TS = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneId.of("UTC"));

    private final DeskRepository desk;
    private final TicketRepository tickets;
    private final DeskGates gates;
    private final BarReader bars;
    private final RunFiles files;
    private final DeskConfig config;
    private final Clock clock;

    public DeskService(DeskRepository desk, TicketRepository tickets, DeskGates gates, BarReader bars, RunFiles files,
                       DeskConfig config, Clock clock) {
        this.desk = desk;
        this.tickets = tickets;
        this.gates = gates;
        this.bars = bars;
        this.files = files;
        this.config = config;
        this.clock = clock;
    }

    public LocalDate today() {
        return LocalDate.ofInstant(clock.instant(), ZoneId.of(config.zone()));
    }

    /** OPS or RUN_0800: the data-quality report of the bars in the window, then the gates. */
    public Uni<DeskAnswer> dataRun(String kind, String actor) {
        Instant started = clock.instant();
        String runId = runId(started, kind);
        LocalDate asof = today();
        return bars.since(started.minus(config.barsWindow())).chain(list -> {
            DataQuality.Report report = DataQuality.evaluate(list, config.universe(), started,
                    new DataQuality.Limits(config.maxBarAge(), config.maxBarGap(), config.coverageMinPct()));
            String outcome = report.passed() ? "DATA_QUALITY_PASS" : "DATA_QUALITY_FAIL";
            return finish(runId, kind, asof, actor, started, outcome, null, report,
                    tx -> desk.insertDataQuality(tx, runId, asof, report, started), Map.of());
        });
    }

    /** RECONCILE: the broker snapshot against the ledger, a report file, then the gates. */
    public Uni<DeskAnswer> reconcile(SnapshotReconciliation.Snapshot snapshot, String actor) {
        Instant started = clock.instant();
        String runId = runId(started, "RECONCILE");
        LocalDate asof = today();
        java.nio.file.Path reportPath = files.reportPath(runId);
        return desk.ledger(desk.pool()).chain(ledger -> {
            SnapshotReconciliation.Result result = SnapshotReconciliation.reconcile(snapshot, ledger, config.universe(),
                    config.cashTolerance(), config.unitsTolerance());
            String outcome = result.passed() ? "RECONCILIATION_PASS" : "RECONCILIATION_FAIL";
            Map<String, Object> report = new LinkedHashMap<>();
            report.put("snapshot", snapshot);
            report.put("ledger", ledger);
            report.put("result", result);
            report.put("report_path", reportPath.toString());
            return files.write(Map.of(reportPath, RunSummary.reconciliation(runId, snapshot, ledger, result, config)))
                    .chain(() -> finish(runId, "RECONCILE", asof, actor, started, outcome, null, report,
                            tx -> desk.insertSnapshot(tx, snapshot, actor, started).chain(id -> desk.insertReconciliation(tx,
                                    runId, id, snapshot.date(), result, reportPath.toString(), started)), Map.of()));
        });
    }

    /** RUN_1400: exactly one ticket, NO_TRADE unless every gate passed and trade building is on (config or dry-run flag). */
    public Uni<DeskAnswer> ticketRun(boolean dryRunTrades, String actor) {
        Instant started = clock.instant();
        String runId = runId(started, "RUN_1400");
        LocalDate asof = today();
        return Uni.combine().all().unis(gates.reasons(asof), desk.latestDataQuality(asof), desk.ledger(desk.pool()))
                .asTuple().chain(in -> {
                    var closes = in.getItem2() == null ? new java.util.TreeMap<String, java.math.BigDecimal>() : in.getItem2().closes();
                    Ticket.Inputs inputs = new Ticket.Inputs("manual", in.getItem1(), config.tradesEnabled() || dryRunTrades,
                            in.getItem3().cash(), in.getItem3().positions(), closes, targets(config.targets()),
                            config.minTradeNotional(), config.maxSlippageBps());
                    Ticket ticket = TicketBuilder.build(asof, inputs);
                    Map<String, String> extra = new LinkedHashMap<>();
                    extra.put("ticket.json", ticket.json());
                    extra.put("ticket.md", ticket.markdown());
                    Map<String, Object> report = new LinkedHashMap<>();
                    report.put("ticket_id", ticket.ticketId());
                    report.put("ticket_type", ticket.type());
                    report.put("sha256", ticket.sha256());
                    report.put("reasons", ticket.reasons());
                    report.put("lines", ticket.lines());
                    report.put("markdown", ticket.markdown());
                    return finish(runId, "RUN_1400", asof, actor, started, ticket.type(), ticket.ticketId(), report,
                            tx -> tickets.insert(tx, ticket, runId, started).replaceWithVoid(), extra);
                });
    }

    /**
     * Stores the run (its own rows first, in one transaction), records the gate from what is stored now, writes
     * the run summary and the extra files of the run.
     */
    Uni<DeskAnswer> finish(String runId, String kind, LocalDate asof, String actor, Instant started, String outcome,
                           String ticketId, Object report, Function<io.vertx.mutiny.sqlclient.SqlClient, Uni<Void>> own,
                           Map<String, String> extraFiles) {
        String summaryPath = files.summaryPath(runId).toString();
        DeskRun draft = new DeskRun(runId, kind, asof, actor, false, List.of(), outcome, ticketId, summaryPath, started,
                clock.instant());
        // the run's reports name the run: the run row goes first, with the gate as it was; its gate columns follow
        return desk.pool().withTransaction(tx -> desk.insertRun(tx, draft).chain(() -> own.apply(tx)))
                .chain(() -> gates.reasons(asof))
                .call(reasons -> gates.publish(reasons, asof, runId, actor))
                .chain(reasons -> {
                    DeskRun run = new DeskRun(runId, kind, asof, actor, reasons.isEmpty(), reasons, outcome, ticketId,
                            summaryPath, started, clock.instant());
                    Map<String, String> out = new LinkedHashMap<>(extraFiles);
                    out.put("run_summary.md", RunSummary.run(run, config.gateScopes(), StateCodec.encode(report)));
                    return desk.gateColumns(run).chain(() -> files.writeRun(runId, out))
                            .replaceWith(new DeskAnswer(outcome, run, report));
                });
    }

    /** {@code SYMBOL=weight} entries → weights (a bad entry fails the ticket run: a desk with wrong targets must not trade). */
    static java.util.SortedMap<String, java.math.BigDecimal> targets(List<String> entries) {
        java.util.SortedMap<String, java.math.BigDecimal> out = new java.util.TreeMap<>();
        for (String e : entries) {
            String[] kv = e.split("=", 2);
            java.math.BigDecimal w = kv.length == 2 && kv[1].strip().matches("[0-9]*\\.?[0-9]+")
                    ? new java.math.BigDecimal(kv[1].strip()) : null;
            if (w == null || w.compareTo(java.math.BigDecimal.ONE) > 0) {
                throw new IllegalArgumentException("desk.targets entry '" + e + "' is not SYMBOL=weight with 0 <= weight <= 1");
            }
            out.put(kv[0].strip().toUpperCase(java.util.Locale.ROOT), w);
        }
        return out;
    }

    static String runId(Instant at, String kind) {
        return RUN_TS.format(at) + "-" + kind.toLowerCase(java.util.Locale.ROOT).replace('_', '-') + "-"
                + UUID.randomUUID().toString().substring(0, 6);
    }
}
