package io.tripwire.signal.backtest;

import com.fasterxml.jackson.databind.JsonNode;
import io.smallrye.mutiny.Uni;
import io.tripwire.controlplane.artifact.ArtifactHash;
import io.tripwire.controlplane.reject.RejectCode;
import io.tripwire.controlplane.reject.RejectException;
import io.tripwire.signal.SignalConfig;
import io.tripwire.signal.artifact.Artifact;
import io.tripwire.signal.artifact.ArtifactRepository;
import io.tripwire.signal.artifact.ArtifactRequests;
import io.tripwire.signal.artifact.ArtifactService;
import io.tripwire.signal.web.FieldErrors;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * {@code POST /api/v1/backtests}: reads the bars (md:bars or CSV), runs {@link BacktestEngine} on a worker thread and
 * stores the result as a DRAFT artifact. The same input again finds the identical artifact (same id, same hash) and
 * returns it instead of a conflict.
 */
@ApplicationScoped
public class BacktestService {

    static final Pattern NAME = Pattern.compile("[A-Za-z0-9._-]{1,40}");
    static final String DEFAULTS = """
            {"model": {"type": "logistic", "weights": {"mom_20": 25, "rv_5": -40, "rsi_14": 0.02}, "bias": -1},
             "sizing": {"qty_usd": 1000, "target_ann_vol": 0.12},
             "risk_profile": {"max_position_pct": 0.1, "max_daily_loss": 500}}""";

    @com.fasterxml.jackson.databind.annotation.JsonNaming(com.fasterxml.jackson.databind.PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Request(String strategyName, String source, String csv, List<String> symbols, String from, String to,
                          JsonNode model, JsonNode sizing, JsonNode riskProfile) {
    }

    public record Outcome(Artifact artifact, boolean existed) {
    }

    private final BarSources bars;
    private final ArtifactService artifacts;
    private final ArtifactRepository repository;
    private final SignalConfig config;

    public BacktestService(BarSources bars, ArtifactService artifacts, ArtifactRepository repository, SignalConfig config) {
        this.bars = bars;
        this.artifacts = artifacts;
        this.repository = repository;
        this.config = config;
    }

    public Uni<Outcome> run(Request r, String actor) {
        if (r == null) {
            throw FieldErrors.invalid("body", "is required");
        }
        FieldErrors errors = new FieldErrors();
        String name = errors.matching("strategy_name", r.strategyName(), NAME, "1-40 of A-Z a-z 0-9 . _ -");
        boolean csv = r.csv() != null;
        String source = csv ? "csv" : "md:bars";
        if (r.source() != null && !r.source().equals(source)) {
            errors.add("source", "md:bars (the paper venue's published bars) or csv (give the csv text)");
        }
        Instant from = instant("from", r.from(), errors);
        Instant to = instant("to", r.to(), errors);
        Set<String> symbols = new TreeSet<>();
        if (r.symbols() != null) {
            r.symbols().forEach(s -> symbols.add(String.valueOf(s).toUpperCase(Locale.ROOT)));
        }
        errors.throwIfAny();
        JsonNode defaults = ArtifactHash.parse(DEFAULTS);
        Uni<List<BacktestEngine.BarRow>> rows = csv
                ? Uni.createFrom().item(() -> BarSources.csv(r.csv(), from, to, symbols))
                : bars.venue(from, to, symbols);
        return rows.emitOn(io.smallrye.mutiny.infrastructure.Infrastructure.getDefaultWorkerPool()).map(list -> {
            FieldErrors problems = new FieldErrors();
            BacktestEngine.Result result = BacktestEngine.run(new BacktestEngine.Input(name,
                    r.model() != null ? r.model() : defaults.get("model"), r.sizing() != null ? r.sizing() : defaults.get("sizing"),
                    r.riskProfile() != null ? r.riskProfile() : defaults.get("risk_profile"), source, r.from(), r.to(),
                    config.confidenceThreshold(), config.consensus().directionProbability(), list), problems);
            problems.throwIfAny();
            return result;
        }).chain(result -> artifacts.create(new ArtifactRequests.Create(result.artifactId(), name, result.strategyVersion(),
                        result.payload()), actor).map(a -> new Outcome(a, false))
                .onFailure(e -> e instanceof RejectException re && re.code() == RejectCode.STATE_CONFLICT)
                .recoverWithUni(e -> repository.find(result.artifactId()).map(found -> {
                    if (found.isPresent() && found.get().hash().equals(result.hash())) {
                        return new Outcome(found.get(), true);
                    }
                    throw (RejectException) e;
                })));
    }

    private static Instant instant(String field, String value, FieldErrors errors) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Instant.parse(value.length() == 10 ? value + "T00:00:00Z" : value);
        } catch (DateTimeParseException e) {
            errors.add(field, "an ISO-8601 instant (2026-12-07T14:30:00Z) or date (2026-12-07)");
            return null;
        }
    }
}
