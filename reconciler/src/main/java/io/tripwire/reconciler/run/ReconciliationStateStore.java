package io.tripwire.reconciler.run;

import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.smallrye.mutiny.Uni;
import io.tripwire.controlplane.keys.RedisKeys;
import io.tripwire.controlplane.state.ControlRead;
import io.tripwire.controlplane.state.ReconciliationState;
import io.tripwire.controlplane.state.StateCodec;
import io.tripwire.reconciler.lease.Fence;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.List;

/** {@code reconciliation:state}, the gate the gateway's admission script reads (only READY admits new risk). */
@ApplicationScoped
public class ReconciliationStateStore {

    private static final Duration TIMEOUT = Duration.ofSeconds(2);
    private static final String SET = "redis.call('SET', KEYS[2], ARGV[2]) return 1";

    private final ReactiveRedisDataSource redis;
    private final RedisKeys keys;

    public ReconciliationStateStore(ReactiveRedisDataSource redis, RedisKeys keys) {
        this.redis = redis;
        this.keys = keys;
    }

    /** The current state, fail-closed: missing, garbled and unreadable are {@link ControlRead.Unavailable}. */
    public Uni<ControlRead<ReconciliationState>> read() {
        return redis.value(String.class).get(keys.reconciliationState())
                .ifNoItem().after(TIMEOUT).fail()
                .map(raw -> StateCodec.decode(raw, ReconciliationState.class))
                .onFailure().recoverWithItem(e -> ControlRead.unavailable(ControlRead.Cause.UNREADABLE, String.valueOf(e.getMessage())));
    }

    /** Writes only while {@code fence} holds the lease. */
    public Uni<Void> write(Fence fence, ReconciliationState state) {
        return fence.eval(SET, List.of(keys.reconciliationState()), List.of(StateCodec.encode(state))).replaceWithVoid();
    }

    /** Operator override (force-complete): not tied to the lease. */
    public Uni<Void> writeUnfenced(ReconciliationState state) {
        return redis.value(String.class).set(keys.reconciliationState(), StateCodec.encode(state))
                .ifNoItem().after(TIMEOUT).fail();
    }
}
