package io.tripwire.controlplane.control;

import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.smallrye.mutiny.Uni;
import io.tripwire.controlplane.keys.RedisKeys;
import io.tripwire.controlplane.state.BreakerState;
import io.tripwire.controlplane.state.ControlRead;
import io.tripwire.controlplane.state.KillSwitchState;
import io.tripwire.controlplane.state.ReconciliationState;
import io.tripwire.controlplane.state.StateCodec;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Fail-closed reads of the control keys from Redis. A missing, unparsable or unreadable key is an
 * explicit {@link ControlRead.Unavailable}, never a default that would allow trading.
 */
@ApplicationScoped
public class ControlStateReader {

    private final RedisControlStore store;
    private final ReactiveRedisDataSource redis;
    private final RedisKeys keys;

    public ControlStateReader(RedisControlStore store, ReactiveRedisDataSource redis, RedisKeys keys) {
        this.store = store;
        this.redis = redis;
        this.keys = keys;
    }

    public Uni<ControlRead<BreakerState>> breaker() {
        return store.read(ControlKey.breaker()).map(RedisControlStore.Snapshot::read);
    }

    public Uni<ControlRead<KillSwitchState>> killSwitch() {
        return store.read(ControlKey.killSwitch()).map(RedisControlStore.Snapshot::read);
    }

    /** The breaker and the kill switch as read together in one round trip (MGET). */
    public record TradingSwitches(ControlRead<BreakerState> breaker, ControlRead<KillSwitchState> killSwitch) {
    }

    /**
     * Breaker and kill switch in one round trip: what the venue submitter checks right before every send.
     * Fail-closed per key as {@link #breaker()} and {@link #killSwitch()}; unreadable Redis makes both unavailable.
     */
    public Uni<TradingSwitches> tradingSwitches() {
        ControlKey<BreakerState> breaker = ControlKey.breaker();
        ControlKey<KillSwitchState> kill = ControlKey.killSwitch();
        String breakerKey = keys.physical(breaker.logicalName());
        String killKey = keys.physical(kill.logicalName());
        return redis.value(String.class).mget(breakerKey, killKey)
                .ifNoItem().after(RedisControlStore.TIMEOUT).fail()
                .map(values -> new TradingSwitches(breaker.fromRedis(values.get(breakerKey)), kill.fromRedis(values.get(killKey))))
                .onFailure().recoverWithItem(e -> new TradingSwitches(
                        ControlRead.unavailable(ControlRead.Cause.UNREADABLE, String.valueOf(e.getMessage())),
                        ControlRead.unavailable(ControlRead.Cause.UNREADABLE, String.valueOf(e.getMessage()))));
    }

    public Uni<ControlRead<ReconciliationState>> reconciliation() {
        return redis.value(String.class).get(keys.reconciliationState())
                .ifNoItem().after(RedisControlStore.TIMEOUT).fail()
                .map(raw -> StateCodec.decode(raw, ReconciliationState.class))
                .onFailure().recoverWithItem(e -> ControlRead.unavailable(ControlRead.Cause.UNREADABLE, e.getMessage()));
    }
}
