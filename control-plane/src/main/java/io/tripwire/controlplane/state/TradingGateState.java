package io.tripwire.controlplane.state;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Objects;

/**
 * A daily trading gate on {@code trading_gate:{scope}} (scope {@code venue:<name>} or {@code strategy:<id>}):
 * open only when every check of its last evaluation passed (NO DATA / NO RECONCILE / NO CONFIRM), and only
 * for the trading day it was made for. A closed gate refuses risk-increasing orders with TRADING_GATE_CLOSED and
 * its reasons; a missing one is unknown and refuses too, and so does an open one past {@code validUntil}
 * ({@value #EXPIRED}): yesterday's checks say nothing about today (fail closed, ADR 0053).
 *
 * @param reasons    the coded reasons it is closed ({@link TradingGateReason} names); empty when open
 * @param validUntil the end of the trading day the evaluation was made for; from then on the gate is closed
 */
public record TradingGateState(boolean open, List<String> reasons, Instant evaluatedAt, Instant validUntil,
                               String evaluatedBy, String runId, long version) implements ControlValue {

    /** The reason an open evaluation of an earlier trading day refuses orders with (not an evaluation input). */
    public static final String EXPIRED = "EVALUATION_EXPIRED";

    public TradingGateState {
        reasons = reasons == null ? List.of() : List.copyOf(reasons);
        Objects.requireNonNull(evaluatedAt, "evaluatedAt");
        Objects.requireNonNull(validUntil, "validUntil");
        Objects.requireNonNull(evaluatedBy, "evaluatedBy");
        if (open && !reasons.isEmpty()) {
            throw new IllegalArgumentException("an open gate has no reasons to be closed");
        }
        if (!open && reasons.isEmpty()) {
            throw new IllegalArgumentException("a closed gate needs at least one reason");
        }
    }

    /** The first instant after trading day {@code day} in {@code zone}: when an evaluation made for it stops counting. */
    public static Instant endOfDay(LocalDate day, ZoneId zone) {
        return day.plusDays(1).atStartOfDay(zone).toInstant();
    }

    /** Whether orders may pass at {@code now}: evaluated open and still within its trading day. */
    public boolean openAt(Instant now) {
        return open && now.isBefore(validUntil);
    }

    /** Why orders are refused at {@code now} (empty when {@link #openAt} them). */
    public List<String> reasonsAt(Instant now) {
        return open && !openAt(now) ? List.of(EXPIRED) : reasons;
    }

    /** {@code validUntil} in epoch milliseconds, for the admission script (Lua cannot parse ISO-8601 instants). */
    @JsonProperty(value = "valid_until_epoch_ms", access = JsonProperty.Access.READ_ONLY)
    public long validUntilEpochMs() {
        return validUntil.toEpochMilli();
    }

    @Override
    public int restrictiveness() {
        return open ? 0 : 1;
    }

    @Override
    public TradingGateState withVersion(long newVersion) {
        return new TradingGateState(open, reasons, evaluatedAt, validUntil, evaluatedBy, runId, newVersion);
    }
}
