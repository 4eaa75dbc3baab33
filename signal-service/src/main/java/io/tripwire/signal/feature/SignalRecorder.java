package io.tripwire.signal.feature;

import io.smallrye.mutiny.Uni;
import io.tripwire.controlplane.state.StateCodec;
import io.tripwire.signal.model.Decision;
import io.tripwire.signal.model.LoadedModel;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.Map;

/** Writes bar decisions to {@code strategy_signals}; one row per artifact, symbol and bar (a replay adds nothing). */
@ApplicationScoped
public class SignalRecorder {

    private static final String INSERT = """
            INSERT INTO strategy_signals (artifact, artifact_id, strategy_name, symbol, signal, prob_long, prob_short, confidence,
                                          threshold, allow, features, bar_ts, stream_id, created_at)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11::text::jsonb, $12, $13, $14)
            ON CONFLICT (artifact, symbol, bar_ts) DO NOTHING""";

    private final Pool pool;
    private final Clock clock;

    public SignalRecorder(Pool pool, Clock clock) {
        this.pool = pool;
        this.clock = clock;
    }

    public Uni<Void> record(LoadedModel model, Bar bar, Map<String, Double> features, Decision d) {
        Tuple row = Tuple.tuple()
                .addLong(model.artifact()).addString(model.artifactId()).addString(model.strategyName()).addString(bar.symbol())
                .addString(d.signal()).addDouble(d.probLong()).addDouble(d.probShort()).addDouble(d.confidence())
                .addDouble(d.threshold()).addBoolean(d.allow()).addString(StateCodec.encode(features))
                .addOffsetDateTime(bar.ts().atOffset(ZoneOffset.UTC)).addString(bar.streamId())
                .addOffsetDateTime(clock.instant().atOffset(ZoneOffset.UTC));
        return pool.preparedQuery(INSERT).execute(row).replaceWithVoid();
    }
}
