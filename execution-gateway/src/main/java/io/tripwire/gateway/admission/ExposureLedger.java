package io.tripwire.gateway.admission;

import io.quarkus.logging.Log;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.smallrye.mutiny.Uni;
import io.tripwire.controlplane.keys.RedisKeys;
import io.tripwire.controlplane.redis.RedisScript;
import jakarta.enterprise.context.ApplicationScoped;
import java.math.BigDecimal;
import java.util.List;
import java.util.UUID;

/**
 * Moves the exposure reserved at admission: working quantity released when an order ends unfilled,
 * moved into the position when it fills. A failed update is logged; the reconciler rebuilds
 * {@code exposure:*} from positions and working orders, so Redis never stays wrong for long.
 */
@ApplicationScoped
public class ExposureLedger {

    private static final RedisScript RELEASE = new RedisScript("""
            local v = redis.call('HINCRBY', KEYS[1], ARGV[1], -tonumber(ARGV[2]))
            if v < 0 then redis.call('HSET', KEYS[1], ARGV[1], 0) end
            if KEYS[2] ~= '' then
              local claim = redis.call('GET', KEYS[2])
              if claim and string.sub(claim, -string.len(ARGV[3])) == ARGV[3] then redis.call('DEL', KEYS[2]) end
            end
            return 1""");
    private static final RedisScript FILL = new RedisScript("""
            local v = redis.call('HINCRBY', KEYS[1], ARGV[1], -tonumber(ARGV[2]))
            if v < 0 then redis.call('HSET', KEYS[1], ARGV[1], 0) end
            redis.call('HINCRBY', KEYS[1], 'pos', ARGV[3])
            return 1""");

    private final ReactiveRedisDataSource redis;
    private final RedisKeys keys;

    public ExposureLedger(ReactiveRedisDataSource redis, RedisKeys keys) {
        this.redis = redis;
        this.keys = keys;
    }

    /** Admission succeeded but the order could not be made durable: give back reservation and idempotency claim. */
    public Uni<Void> unwindAdmission(String symbol, boolean buy, BigDecimal quantity, String clientOrderId, UUID orderId) {
        return run(RELEASE, keys.exposure(symbol), keys.idempotency(clientOrderId), side(buy),
                Long.toString(Units.toUnits(quantity)), orderId.toString());
    }

    /** An order ended with {@code unfilled} still working: release that much. */
    public Uni<Void> release(String symbol, boolean buy, BigDecimal unfilled) {
        if (unfilled.signum() <= 0) {
            return Uni.createFrom().voidItem();
        }
        return run(RELEASE, keys.exposure(symbol), "", side(buy), Long.toString(Units.toUnits(unfilled)), "");
    }

    /** {@code filled} more units executed: they stop working and join the position. */
    public Uni<Void> fill(String symbol, boolean buy, BigDecimal filled) {
        if (filled.signum() <= 0) {
            return Uni.createFrom().voidItem();
        }
        long units = Units.toUnits(filled);
        return run(FILL, keys.exposure(symbol), null, side(buy), Long.toString(units), Long.toString(buy ? units : -units));
    }

    private Uni<Void> run(RedisScript script, String exposureKey, String idemKey, String... args) {
        List<String> keys = idemKey == null ? List.of(exposureKey) : List.of(exposureKey, idemKey);
        return script.run(redis, keys, List.of(args))
                .ifNoItem().after(AdmissionScript.TIMEOUT).fail()
                .replaceWithVoid()
                .onFailure().invoke(e -> Log.warnf("exposure update on %s failed (reconciler will rebuild): %s",
                        exposureKey, e.getMessage()))
                .onFailure().recoverWithNull();
    }

    private static String side(boolean buy) {
        return buy ? "wbuy" : "wsell";
    }
}
