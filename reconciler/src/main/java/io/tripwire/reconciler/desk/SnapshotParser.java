package io.tripwire.reconciler.desk;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.SortedMap;
import java.util.TreeMap;

/** A typed-in broker snapshot → {@link SnapshotReconciliation.Snapshot}, or a 400 naming the field. */
final class SnapshotParser {

    private SnapshotParser() {
    }

    static SnapshotReconciliation.Snapshot parse(DeskResource.SnapshotRequest r, List<String> universe) {
        if (r == null) {
            throw Fills.invalid("body", "a snapshot {snapshot_date, cash, positions, notes} is required");
        }
        LocalDate date;
        try {
            date = LocalDate.parse(r.snapshotDate() == null ? "" : r.snapshotDate());
        } catch (DateTimeParseException e) {
            throw Fills.invalid("snapshot_date", "snapshot_date must be YYYY-MM-DD");
        }
        BigDecimal cash = decimal(r.cash(), "cash");
        SortedMap<String, BigDecimal> positions = new TreeMap<>();
        if (r.positions() != null) {
            for (var e : r.positions().entrySet()) {
                String symbol = e.getKey() == null ? "" : e.getKey().strip().toUpperCase(Locale.ROOT);
                if (!symbol.matches("[A-Z0-9.]{1,16}")) {
                    throw Fills.invalid("positions", "symbol '" + e.getKey() + "' is not a symbol");
                }
                BigDecimal units = decimal(e.getValue(), "positions." + symbol);
                if (units.signum() < 0) {
                    throw Fills.invalid("positions." + symbol, "units must be >= 0 (long-only desk)");
                }
                positions.put(symbol, units);
            }
        }
        String notes = r.notes() == null ? null : r.notes().strip();
        if (notes != null && notes.length() > 500) {
            throw Fills.invalid("notes", "notes must be at most 500 characters");
        }
        return new SnapshotReconciliation.Snapshot(date, cash, positions, notes);
    }

    static BigDecimal decimal(String text, String field) {
        try {
            BigDecimal v = new BigDecimal(text == null ? "" : text.strip());
            if (v.precision() - v.scale() > 19 || v.scale() > 8) {
                throw Fills.invalid(field, field + " is out of range (at most 8 decimals)");
            }
            return v;
        } catch (NumberFormatException e) {
            throw Fills.invalid(field, field + " must be a decimal number");
        }
    }
}
