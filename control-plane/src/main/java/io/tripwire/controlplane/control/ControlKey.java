package io.tripwire.controlplane.control;

import io.tripwire.controlplane.keys.RedisKeys;
import io.tripwire.controlplane.state.BreakerState;
import io.tripwire.controlplane.state.ControlRead;
import io.tripwire.controlplane.state.ControlValue;
import io.tripwire.controlplane.state.KillSwitchState;
import io.tripwire.controlplane.state.QuarantineState;
import io.tripwire.controlplane.state.StateCodec;
import io.tripwire.controlplane.state.TradingGateState;
import java.util.Objects;

/**
 * One piece of control state: its logical name (the {@code control_state.control_key} in PostgreSQL,
 * the Redis key without prefix) and how its value is written to each store.
 *
 * @param logicalName     key name without the Redis prefix
 * @param type            record type of the value
 * @param absentMeansNone true where a missing key is a normal "nothing set" (quarantines); false where a
 *                        missing key must fail closed (breaker, kill switch)
 */
public record ControlKey<T extends ControlValue>(String logicalName, Class<T> type, boolean absentMeansNone) {

    private static final RedisKeys LOGICAL = RedisKeys.withPrefix("");

    public ControlKey {
        Objects.requireNonNull(logicalName, "logicalName");
        Objects.requireNonNull(type, "type");
    }

    public static ControlKey<BreakerState> breaker() {
        return new ControlKey<>(RedisKeys.BREAKER_STATE, BreakerState.class, false);
    }

    public static ControlKey<KillSwitchState> killSwitch() {
        return new ControlKey<>(RedisKeys.KILL_SWITCH_STATE, KillSwitchState.class, false);
    }

    public static ControlKey<QuarantineState> quarantine(String strategyOrAll, String symbol) {
        return new ControlKey<>(LOGICAL.quarantine(strategyOrAll, symbol), QuarantineState.class, true);
    }

    /**
     * A daily trading gate. Admission refuses a missing gate (never evaluated, or lost: fail closed); a change
     * may start from nothing, because the first evaluation of a gate has no state to restore before it.
     */
    public static ControlKey<TradingGateState> tradingGate(String scope) {
        return new ControlKey<>(LOGICAL.tradingGate(scope), TradingGateState.class, true);
    }

    /** The key kind for a logical name read back from PostgreSQL. */
    public static ControlKey<? extends ControlValue> fromLogicalName(String logicalName) {
        if (RedisKeys.BREAKER_STATE.equals(logicalName)) {
            return breaker();
        }
        if (RedisKeys.KILL_SWITCH_STATE.equals(logicalName)) {
            return killSwitch();
        }
        if (logicalName.startsWith(RedisKeys.TRADING_GATE_PREFIX)) {
            return new ControlKey<>(logicalName, TradingGateState.class, true);
        }
        if (logicalName.startsWith("quarantine:")) {
            return new ControlKey<>(logicalName, QuarantineState.class, true);
        }
        throw new IllegalArgumentException("unknown control key " + logicalName);
    }

    public boolean isQuarantine() {
        return type == QuarantineState.class;
    }

    /** The Redis value: JSON for records, the bare reason for quarantines (as the runbooks read it). */
    public String toRedis(T value) {
        if (value instanceof QuarantineState q) {
            return q.reason();
        }
        return StateCodec.encode(value);
    }

    public ControlRead<T> fromRedis(String raw) {
        if (isQuarantine() && raw != null) {
            return raw.isBlank()
                    ? ControlRead.unavailable(ControlRead.Cause.UNPARSABLE, "blank quarantine reason")
                    : ControlRead.present(type.cast(new QuarantineState(raw, 0)));
        }
        return StateCodec.decode(raw, type);
    }

    /** The PostgreSQL jsonb value. */
    public String toJson(T value) {
        return value == null ? null : StateCodec.encode(value);
    }

    public ControlRead<T> fromJson(String json) {
        return StateCodec.decode(json, type);
    }
}
