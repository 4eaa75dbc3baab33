package io.tripwire.controlplane.keys;

import io.tripwire.controlplane.config.ControlPlaneConfig;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The only place Redis key, stream and channel names are built (DESIGN.md §3). An optional prefix
 * ({@code tripwire.redis.prefix}, default empty) goes in front of every name.
 */
@Singleton
public class RedisKeys {

    public static final String BREAKER_STATE = "circuit_breaker:state";
    public static final String BREAKER_HISTORY = "circuit_breaker:history";
    public static final String BREAKER_RESET_RATE_LIMIT = "cb_ratelimit:reset:global";
    public static final String KILL_SWITCH_STATE = "kill_switch:state";
    public static final String RECONCILIATION_STATE = "reconciliation:state";
    public static final String MARKET_DATA_BARS = "md:bars";
    public static final String ALERTS_STREAM = "alerts:stream";
    public static final String ORDER_EVENTS = "orders:events";
    public static final String CONFIG_CHANGED = "config:changed";
    public static final String API_KEYS_REVOKED = "apikeys:revoked";
    /** Pub/sub: a strategy artifact was revoked, rolled back or approved; signal services reload their models. */
    public static final String ARTIFACTS_CHANGED = "artifacts:changed";
    /** Consumer group of the signal service on {@code md:bars}. */
    public static final String SIGNAL_CONSUMER_GROUP = "signal-service";
    /** Consumer group of the alert router on {@code alerts:stream}. */
    public static final String ALERTS_CONSUMER_GROUP = "alert-router";
    public static final String RECONCILER_LEASE = "reconciler:lease";
    public static final String RECONCILER_FENCING = "reconciler:fencing";
    public static final String RECONCILER_RUN_REQUESTED = "reconciler:run-requested";
    /** Quarantine scope meaning "every strategy". */
    public static final String ALL_STRATEGIES = "*";
    /** {@code trading_gate:{scope}}: a daily trading gate, scope {@code venue:<name>} or {@code strategy:<id>}. */
    public static final String TRADING_GATE_PREFIX = "trading_gate:";

    private static final Pattern SEGMENT = Pattern.compile("[A-Za-z0-9._/-]{1,64}");

    private final String prefix;

    @Inject
    public RedisKeys(ControlPlaneConfig config) {
        this(config.redis().prefix().orElse(""));
    }

    private RedisKeys(String prefix) {
        this.prefix = Objects.requireNonNull(prefix, "prefix");
    }

    public static RedisKeys withPrefix(String prefix) {
        return new RedisKeys(prefix);
    }

    public String prefix() {
        return prefix;
    }

    public String breakerState() {
        return prefix + BREAKER_STATE;
    }

    public String breakerHistory() {
        return prefix + BREAKER_HISTORY;
    }

    public String breakerResetRateLimit() {
        return prefix + BREAKER_RESET_RATE_LIMIT;
    }

    public String killSwitchState() {
        return prefix + KILL_SWITCH_STATE;
    }

    public String reconciliationState() {
        return prefix + RECONCILIATION_STATE;
    }

    /** {@code quarantine:{strategy|*}:{SYMBOL}}: blocks new risk in that symbol. */
    public String quarantine(String strategyOrAll, String symbol) {
        String scope = ALL_STRATEGIES.equals(strategyOrAll) ? ALL_STRATEGIES : segment(strategyOrAll);
        return prefix + "quarantine:" + scope + ":" + symbol(symbol);
    }

    /** Pattern matching every quarantine key, for SCAN. */
    public String quarantinePattern() {
        return prefix + "quarantine:*";
    }

    /** {@code trading_gate:{scope}} for a scope such as {@code venue:paper} or {@code strategy:momo-1}. */
    public String tradingGate(String scope) {
        return prefix + TRADING_GATE_PREFIX + Objects.requireNonNull(scope, "scope");
    }

    /** {@code console:session:{sha256(id)}}: one web-console operator session (the id itself is never stored). */
    public String consoleSession(String idHash) {
        return prefix + "console:session:" + Objects.requireNonNull(idHash, "idHash");
    }

    /** {@code console:login_failures:{username}}: failed console logins of one operator within the lockout window. */
    public String consoleLoginFailures(String username) {
        return prefix + "console:login_failures:" + Objects.requireNonNull(username, "username");
    }

    public String exposure(String symbol) {
        return prefix + "exposure:" + symbol(symbol);
    }

    /** Token bucket {@code ratelimit:orders:{scope}}, e.g. {@code key:abcd1234}, {@code strategy:s1}, {@code global}. */
    public String orderRateLimit(String scope) {
        return prefix + "ratelimit:orders:" + Objects.requireNonNull(scope, "scope");
    }

    public String idempotency(String clientOrderId) {
        return prefix + "idem:" + segment(clientOrderId);
    }

    public String marketDataLast(String symbol) {
        return prefix + "md:last:" + symbol(symbol);
    }

    public String marketDataBars() {
        return prefix + MARKET_DATA_BARS;
    }

    public String alertsStream() {
        return prefix + ALERTS_STREAM;
    }

    public String orderEvents() {
        return prefix + ORDER_EVENTS;
    }

    public String configChangedChannel() {
        return prefix + CONFIG_CHANGED;
    }

    public String artifactsChangedChannel() {
        return prefix + ARTIFACTS_CHANGED;
    }

    public String apiKeysRevokedChannel() {
        return prefix + API_KEYS_REVOKED;
    }

    public String heartbeat(String service, String instance) {
        return prefix + "heartbeat:" + segment(service) + ":" + segment(instance);
    }

    /** Pattern matching every heartbeat key, for SCAN. */
    public String heartbeatPattern() {
        return prefix + "heartbeat:*";
    }

    /**
     * Fixed-window counter of the alert router's rate limits: {@code alert_ratelimit:channel:{channel}:{window}}
     * (per channel), {@code alert_ratelimit:recipient:{channel}:{recipient hash}:{window}} (per recipient) or
     * {@code alert_ratelimit:global:{window}}; {@code window} is the window's index since the epoch.
     */
    public String alertRateLimitChannel(String channel, long window) {
        return prefix + "alert_ratelimit:channel:" + segment(channel) + ":" + window;
    }

    public String alertRateLimitRecipient(String channel, String recipientHash, long window) {
        return prefix + "alert_ratelimit:recipient:" + segment(channel) + ":" + segment(recipientHash) + ":" + window;
    }

    public String alertRateLimitGlobal(long window) {
        return prefix + "alert_ratelimit:global:" + window;
    }

    /** {@code reconciler:lease}: "{instance}|{fencing token}" of the one active reconciler, with a TTL. */
    public String reconcilerLease() {
        return prefix + RECONCILER_LEASE;
    }

    /** {@code reconciler:fencing}: mirror of the current lease's fencing token (PostgreSQL {@code reconciler_fence} hands them out). */
    public String reconcilerFencing() {
        return prefix + RECONCILER_FENCING;
    }

    /** {@code reconciler:run-requested}: an operator asked for a run on a standby; the active one picks it up. */
    public String reconcilerRunRequested() {
        return prefix + RECONCILER_RUN_REQUESTED;
    }

    /** Removes this instance's prefix, giving the logical key name used in PostgreSQL {@code control_state}. */
    public String logical(String redisKey) {
        if (!redisKey.startsWith(prefix)) {
            throw new IllegalArgumentException("not a key of this prefix: " + redisKey);
        }
        return redisKey.substring(prefix.length());
    }

    /** Adds this instance's prefix to a logical key name. */
    public String physical(String logicalKey) {
        return prefix + logicalKey;
    }

    static String symbol(String symbol) {
        return segment(symbol).toUpperCase(Locale.ROOT);
    }

    private static String segment(String value) {
        if (value == null || !SEGMENT.matcher(value).matches()) {
            throw new IllegalArgumentException("invalid key segment: " + value);
        }
        return value;
    }
}
