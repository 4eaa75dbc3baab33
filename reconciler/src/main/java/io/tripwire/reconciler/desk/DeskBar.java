package io.tripwire.reconciler.desk;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Map;

/** One bar of {@code md:bars} as the paper venue publishes it (symbol, o, h, l, c, ts). */
public record DeskBar(String symbol, Instant ts, BigDecimal open, BigDecimal high, BigDecimal low, BigDecimal close) {

    /** The bar of a stream entry, or null when a field is missing or unparsable (counted as an OHLC issue by nobody: skipped). */
    public static DeskBar parse(Map<String, String> f) {
        try {
            return new DeskBar(f.get("symbol"), Instant.parse(f.get("ts")), new BigDecimal(f.get("o")),
                    new BigDecimal(f.get("h")), new BigDecimal(f.get("l")), new BigDecimal(f.get("c")));
        } catch (RuntimeException e) {
            return null;
        }
    }
}
