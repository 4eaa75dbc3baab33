package io.tripwire.console.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * The audit CSV (Jackson CSV): a first comment line stating the cap and how many rows matched, then a header row
 * and one line per row, newest first.
 */
final class AuditCsv {

    static final int CAP = 10_000;
    private static final CsvMapper MAPPER = new CsvMapper();
    private static final CsvSchema SCHEMA = MAPPER.schemaFor(AuditRow.class).withHeader();

    private AuditCsv() {
    }

    static String write(List<AuditRow> rows, long matched) {
        String note = "# Tripwire audit log export: " + rows.size() + " rows (capped at " + String.format("%,d", CAP)
                + " rows per export; " + matched + " matched" + (matched > rows.size()
                ? ", the newest " + rows.size() + " are included: narrow the filters for the rest" : "") + ")\n";
        try {
            return note + MAPPER.writer(SCHEMA).writeValueAsString(rows);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
