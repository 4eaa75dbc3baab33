package io.tripwire.reconciler.positions;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Pure position comparison: the venue's report is authoritative; PostgreSQL is aligned to it. A
 * difference within tolerance is aligned silently; beyond it, it is a mismatch (the breaker trips).
 * A symbol the venue's list does not mention is flat only where PostgreSQL holds it flat too (a closed
 * position keeps its row at quantity 0, and venues list open positions only); where PostgreSQL holds a
 * quantity, the venue's silence is not taken for flat: it needs a targeted lookup first.
 */
public final class PositionDiff {

    private PositionDiff() {
    }

    /**
     * How PostgreSQL and the venue compare for one symbol. IN_FLIGHT: beyond tolerance, but in the
     * direction and within the size of orders still working or changed since the fills were booked (their
     * fills may be at the venue and not yet in PostgreSQL): left for the next run, neither aligned nor tripped.
     */
    public enum Kind { IN_SYNC, WITHIN_TOLERANCE, IN_FLIGHT, MISMATCH }

    /** Quantity that may have filled at the venue without PostgreSQL knowing yet, per side (both ≥ 0). */
    public record InFlight(BigDecimal buy, BigDecimal sell) {
        public static final InFlight NONE = new InFlight(BigDecimal.ZERO, BigDecimal.ZERO);

        boolean explains(BigDecimal venueMinusPostgres) {
            return venueMinusPostgres.signum() > 0 ? venueMinusPostgres.compareTo(buy) <= 0
                    : venueMinusPostgres.negate().compareTo(sell) <= 0;
        }
    }

    public record Delta(String symbol, BigDecimal postgres, BigDecimal venue, Kind kind) {
        public BigDecimal difference() {
            return venue.subtract(postgres);
        }
    }

    /** Symbols PostgreSQL holds non-flat that the venue's list omits: each needs a targeted lookup. */
    public static List<String> unreported(Map<String, BigDecimal> postgres, Map<String, BigDecimal> venue) {
        return postgres.entrySet().stream()
                .filter(e -> e.getValue().signum() != 0 && !venue.containsKey(e.getKey()))
                .map(Map.Entry::getKey).sorted().toList();
    }

    /**
     * @param venue every symbol's venue quantity: listed, or confirmed by a targeted lookup (flat = 0)
     */
    public static List<Delta> compare(Map<String, BigDecimal> postgres, Map<String, BigDecimal> venue, BigDecimal tolerance) {
        return compare(postgres, venue, tolerance, Map.of());
    }

    /**
     * @param venue    every symbol's venue quantity: listed, or confirmed by a targeted lookup (flat = 0); a
     *                 symbol flat in PostgreSQL may be absent (flat there too)
     * @param inFlight per symbol, what orders in flight could still explain (absent = nothing)
     */
    public static List<Delta> compare(Map<String, BigDecimal> postgres, Map<String, BigDecimal> venue, BigDecimal tolerance,
                                      Map<String, InFlight> inFlight) {
        TreeSet<String> symbols = new TreeSet<>(postgres.keySet());
        symbols.addAll(venue.keySet());
        List<Delta> out = new ArrayList<>();
        for (String symbol : symbols) {
            BigDecimal pg = postgres.getOrDefault(symbol, BigDecimal.ZERO);
            BigDecimal v = venue.get(symbol);
            if (v == null && pg.signum() == 0) {
                v = BigDecimal.ZERO; // flat in PostgreSQL and not listed at the venue: the same state
            } else if (v == null) {
                throw new IllegalArgumentException("no venue report for " + symbol + " while PostgreSQL holds "
                        + pg.toPlainString() + ": a missing report is not flat (the targeted lookup did not answer)");
            }
            BigDecimal diff = v.subtract(pg).abs();
            Kind kind = diff.signum() == 0 ? Kind.IN_SYNC : diff.compareTo(tolerance) <= 0 ? Kind.WITHIN_TOLERANCE
                    : inFlight.getOrDefault(symbol, InFlight.NONE).explains(v.subtract(pg)) ? Kind.IN_FLIGHT : Kind.MISMATCH;
            out.add(new Delta(symbol, pg, v, kind));
        }
        return out;
    }
}
