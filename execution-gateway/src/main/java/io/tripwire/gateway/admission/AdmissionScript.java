package io.tripwire.gateway.admission;

import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.smallrye.mutiny.Uni;
import io.tripwire.controlplane.keys.RedisKeys;
import io.tripwire.controlplane.redis.RedisScript;
import io.tripwire.controlplane.reject.RejectCode;
import io.tripwire.gateway.breaker.TripDetails;
import io.tripwire.gateway.GatewayConfig;
import io.tripwire.gateway.gates.TradingGates;
import io.vertx.mutiny.redis.client.Response;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Runs {@code lua/admission.lua} by its SHA-1 ({@link RedisScript}: EVAL once more on NOSCRIPT, e.g. after a
 * Redis restart or SCRIPT FLUSH). Any Redis failure is {@code CONTROL_PLANE_UNAVAILABLE}: fail closed.
 */
@ApplicationScoped
public class AdmissionScript {

    static final Duration TIMEOUT = Duration.ofSeconds(2);
    /** KEYS 1..10 of the script; the order's gate keys follow them. */
    private static final int FIXED_KEYS = 10;
    /** ARGV 1..12 of the script. */
    private static final int ARGS = 12;

    private final ReactiveRedisDataSource redis;
    private final RedisKeys keys;
    private final GatewayConfig config;
    private final io.tripwire.gateway.riskconfig.LiveLimits limits;
    private final TradingGates gates;
    private final RedisScript script;

    public AdmissionScript(ReactiveRedisDataSource redis, RedisKeys keys, GatewayConfig config, TradingGates gates,
                           io.tripwire.gateway.riskconfig.LiveLimits limits) {
        this.limits = limits;
        this.redis = redis;
        this.keys = keys;
        this.config = config;
        this.gates = gates;
        this.script = new RedisScript(load("lua/admission.lua"));
    }

    public Uni<AdmissionDecision> admit(AdmissionRequest request) {
        List<String> keysAndArgs = keysAndArgs(request);
        int keyCount = FIXED_KEYS + gateCount(keysAndArgs);
        return script.run(redis, keysAndArgs.subList(0, keyCount), keysAndArgs.subList(keyCount, keysAndArgs.size()))
                .ifNoItem().after(TIMEOUT).fail()
                .map(AdmissionScript::decision)
                .onFailure().recoverWithItem(e -> new AdmissionDecision.Rejected(RejectCode.CONTROL_PLANE_UNAVAILABLE,
                        "Redis unavailable: " + e.getMessage(), 0));
    }

    private List<String> keysAndArgs(AdmissionRequest r) {
        String strategyScope = r.strategyId() == null ? "manual" : r.strategyId();
        List<String> all = new ArrayList<>(List.of(
                keys.breakerState(), keys.killSwitchState(), keys.reconciliationState(),
                keys.quarantine(RedisKeys.ALL_STRATEGIES, r.symbol()),
                r.strategyId() == null ? keys.quarantine(RedisKeys.ALL_STRATEGIES, r.symbol()) : keys.quarantine(r.strategyId(), r.symbol()),
                keys.orderRateLimit("key:" + (r.apiKeyPrefix() == null ? "internal" : r.apiKeyPrefix())),
                keys.orderRateLimit("strategy:" + strategyScope),
                keys.orderRateLimit("global"),
                keys.idempotency(r.clientOrderId()),
                keys.exposure(r.symbol())));
        gates.scopesFor(r.strategyId()).forEach(scope -> all.add(keys.tradingGate(scope)));
        all.addAll(List.of(
                r.buy() ? "BUY" : "SELL",
                Long.toString(Units.toUnits(r.quantity())),
                r.reduceOnly() ? "1" : "0",
                r.flatten() ? "1" : "0",
                r.requestHash(),
                r.orderId().toString(),
                Long.toString(config.idempotencyTtl().toSeconds()),
                Long.toString(Units.toUnitsFloor(r.positionLimit())),
                Long.toString(Units.toUnitsFloor(r.symbolCapQuantity())),
                Integer.toString(limits.rateLimits().perKeyPerSecond()),
                Integer.toString(limits.rateLimits().perStrategyPerSecond()),
                Integer.toString(limits.rateLimits().globalPerSecond())));
        return all;
    }

    /** The gate keys sit between the fixed keys and the {@value #ARGS} arguments. */
    private static int gateCount(List<String> keysAndArgs) {
        return keysAndArgs.size() - FIXED_KEYS - ARGS;
    }


    private static AdmissionDecision decision(Response response) {
        String outcome = response.get(0).toString();
        String code = response.get(1).toString();
        String detail = response.get(2).toString();
        long retryAfter = response.get(3).toLong();
        return switch (outcome) {
            case "ADMITTED" -> new AdmissionDecision.Admitted(UUID.fromString(detail));
            case "DUPLICATE" -> new AdmissionDecision.Duplicate(UUID.fromString(detail));
            default -> new AdmissionDecision.Rejected(RejectCode.valueOf(code), detail, retryAfter,
                    response.size() > 4 ? details(code, response.get(4).toString()) : Map.of());
        };
    }

    /** The script's fifth element: the breaker's raw state, or the closed gates' reasons by scope (JSON). */
    private static Map<String, Object> details(String code, String raw) {
        if (RejectCode.CIRCUIT_BREAKER_TRIPPED.name().equals(code)) {
            return TripDetails.fromRaw(raw);
        }
        return RejectCode.TRADING_GATE_CLOSED.name().equals(code) ? TradingGates.refusalDetails(raw) : Map.of();
    }

    private static String load(String resource) {
        try (InputStream in = AdmissionScript.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing " + resource);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
