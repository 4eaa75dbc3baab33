package io.tripwire.signal.feature;

import java.time.Instant;
import java.util.Locale;
import java.util.Map;

/** One {@code md:bars} entry as paper-venue's MarketDataPublisher writes it: symbol, o, h, l, c, volume, ts, ts_ms. */
public record Bar(String streamId, String symbol, double close, Instant ts) {

    /** Parses an entry; returns null when the symbol, close or time is missing or malformed. */
    public static Bar parse(String streamId, Map<String, String> fields) {
        if (fields == null) {
            return null;
        }
        try {
            String symbol = fields.get("symbol");
            String close = fields.get("c");
            if (symbol == null || close == null) {
                return null;
            }
            double c = Double.parseDouble(close);
            if (!Double.isFinite(c) || c <= 0) {
                return null;
            }
            Instant ts = fields.get("ts_ms") != null ? Instant.ofEpochMilli(Long.parseLong(fields.get("ts_ms")))
                    : fields.get("ts") != null ? Instant.parse(fields.get("ts")) : null;
            if (ts == null) {
                return null;
            }
            String upper = symbol.trim().toUpperCase(Locale.ROOT);
            return upper.matches("[A-Z0-9.]{1,16}") ? new Bar(streamId, upper, c, ts) : null;
        } catch (RuntimeException e) {
            return null;
        }
    }
}
