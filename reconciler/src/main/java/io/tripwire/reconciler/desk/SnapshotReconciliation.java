package io.tripwire.reconciler.desk;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeSet;

/**
 * Seed 002's daily reconciliation: the broker snapshot a person read off the screen against the desk ledger.
 * Fails on |cash diff| above the cash tolerance, on any symbol's |units diff| above the units tolerance (both
 * limits inclusive: a difference equal to the tolerance passes), on a ledger position missing from the snapshot,
 * and on a snapshot symbol outside the universe.
 */
public final class SnapshotReconciliation {

    /** What the broker showed. */
    public record Snapshot(LocalDate date, BigDecimal cash, SortedMap<String, BigDecimal> positions, String notes) {
    }

    /** What the desk ledger holds (cash and units per symbol, flat symbols absent). */
    public record Ledger(BigDecimal cash, SortedMap<String, BigDecimal> positions) {
    }

    /** One difference: {@code check} is CASH_DIFF, UNITS_DIFF, MISSING_POSITION, EXTRA_POSITION or UNKNOWN_SYMBOL. */
    public record Issue(String symbol, String check, BigDecimal ledger, BigDecimal snapshot, BigDecimal diff) {
    }

    public record Result(boolean passed, BigDecimal cashDiff, BigDecimal maxUnitsDiff, List<Issue> issues) {
    }

    private SnapshotReconciliation() {
    }

    public static Result reconcile(Snapshot snapshot, Ledger ledger, List<String> universe, BigDecimal cashTolerance,
                                   BigDecimal unitsTolerance) {
        List<Issue> issues = new ArrayList<>();
        BigDecimal cashDiff = snapshot.cash().subtract(ledger.cash());
        if (cashDiff.abs().compareTo(cashTolerance) > 0) {
            issues.add(new Issue(null, "CASH_DIFF", ledger.cash(), snapshot.cash(), cashDiff));
        }
        BigDecimal maxUnits = BigDecimal.ZERO;
        TreeSet<String> symbols = new TreeSet<>(ledger.positions().keySet());
        symbols.addAll(snapshot.positions().keySet());
        for (String symbol : symbols) {
            BigDecimal held = ledger.positions().get(symbol);
            BigDecimal shown = snapshot.positions().get(symbol);
            if (shown != null && !universe.contains(symbol)) {
                issues.add(new Issue(symbol, "UNKNOWN_SYMBOL", held, shown, null));
            }
            BigDecimal diff = (shown == null ? BigDecimal.ZERO : shown).subtract(held == null ? BigDecimal.ZERO : held);
            maxUnits = maxUnits.max(diff.abs());
            if (shown == null && held != null && held.signum() != 0) {
                issues.add(new Issue(symbol, "MISSING_POSITION", held, null, diff));
            } else if (held == null && shown != null && shown.abs().compareTo(unitsTolerance) > 0) {
                issues.add(new Issue(symbol, "EXTRA_POSITION", null, shown, diff));
            } else if (held != null && shown != null && diff.abs().compareTo(unitsTolerance) > 0) {
                issues.add(new Issue(symbol, "UNITS_DIFF", held, shown, diff));
            }
        }
        return new Result(issues.isEmpty(), cashDiff, maxUnits, List.copyOf(issues));
    }
}
