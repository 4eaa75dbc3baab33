package io.tripwire.reconciler.exposure;

import java.util.Map;

/**
 * Pure rebuild rule for one {@code exposure:{SYMBOL}} hash. {@code pos} is set to the reconciled
 * position. Working quantities ({@code wbuy}/{@code wsell}) are raised to what PostgreSQL's working
 * orders need at once, but lowered only by a surplus already seen by the previous run: a reservation the
 * gateway made a moment ago for an order not yet committed is never released, a leaked one is released
 * one run later. A missing or garbled hash is rewritten exactly.
 */
public final class ExposurePlan {

    private ExposurePlan() {
    }

    /** Integer 1e-8 units; {@code null} fields mean the hash (or that field) is missing or unparsable. */
    public record Values(Long pos, Long wbuy, Long wsell) {
        public boolean complete() {
            return pos != null && wbuy != null && wsell != null;
        }
    }

    /**
     * @param write   the values to write, or {@code null} when the hash already holds them
     * @param surplus per side, what stays above PostgreSQL's need after this write (for the next run)
     */
    public record Decision(Values write, boolean restored, long surplusBuy, long surplusSell) {
    }

    /**
     * @param previousSurplus the surplus per side the previous run left ("wbuy"/"wsell" → units), empty when none
     */
    public static Decision decide(Values current, Values target, Map<String, Long> previousSurplus) {
        if (current == null || !current.complete()) {
            return new Decision(target, true, 0, 0);
        }
        long wbuy = side(current.wbuy(), target.wbuy(), previousSurplus.getOrDefault("wbuy", 0L));
        long wsell = side(current.wsell(), target.wsell(), previousSurplus.getOrDefault("wsell", 0L));
        Values next = new Values(target.pos(), wbuy, wsell);
        Decision keep = new Decision(next.equals(current) ? null : next, false, wbuy - target.wbuy(), wsell - target.wsell());
        return keep;
    }

    private static long side(long current, long needed, long previousSurplus) {
        if (current <= needed) {
            return needed;
        }
        long surplus = current - needed;
        return current - Math.min(surplus, Math.max(0, previousSurplus));
    }
}
