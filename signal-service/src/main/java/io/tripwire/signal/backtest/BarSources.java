package io.tripwire.signal.backtest;

import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.redis.datasource.stream.ReactiveStreamCommands;
import io.quarkus.redis.datasource.stream.StreamMessage;
import io.quarkus.redis.datasource.stream.StreamRange;
import io.smallrye.mutiny.Uni;
import io.tripwire.controlplane.keys.RedisKeys;
import io.tripwire.signal.backtest.BacktestEngine.BarRow;
import io.tripwire.signal.web.FieldErrors;
import jakarta.enterprise.context.ApplicationScoped;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Bars for a backtest: the paper venue's published history on {@code md:bars} (the seeded walk as the venue emitted
 * it; a range in the past is fixed, so the same FROM/TO gives the same bars while the stream still holds them), or
 * a CSV text with a header naming {@code ts} (or {@code timestamp}), {@code symbol} and {@code close} columns.
 */
@ApplicationScoped
public class BarSources {

    public static final int MAX_BARS = 200_000;
    private static final int PAGE = 5_000;

    private final ReactiveStreamCommands<String, String, String> streams;
    private final String stream;

    public BarSources(ReactiveRedisDataSource redis, RedisKeys keys) {
        this.streams = redis.stream(String.class);
        this.stream = keys.marketDataBars();
    }

    /** Bars of md:bars whose ts is within [from, to] (either open), for the symbols (all when empty). */
    public Uni<List<BarRow>> venue(Instant from, Instant to, Set<String> symbols) {
        String start = from == null ? "-" : Long.toString(Math.max(0, from.toEpochMilli() - 60_000));
        return page(start, from, to, symbols, new ArrayList<>());
    }

    private Uni<List<BarRow>> page(String start, Instant from, Instant to, Set<String> symbols, List<BarRow> out) {
        return streams.xrange(stream, StreamRange.of(start, "+"), PAGE).chain(messages -> {
            boolean past = false;
            for (StreamMessage<String, String, String> m : messages) {
                io.tripwire.signal.feature.Bar bar = io.tripwire.signal.feature.Bar.parse(m.id(), m.payload());
                if (bar == null || (symbols.isEmpty() ? false : !symbols.contains(bar.symbol()))) {
                    continue;
                }
                if (to != null && bar.ts().isAfter(to.plusSeconds(60))) {
                    past = true;
                    break;
                }
                if ((from == null || !bar.ts().isBefore(from)) && (to == null || !bar.ts().isAfter(to))) {
                    out.add(new BarRow(bar.symbol(), bar.ts(), new BigDecimal(m.payload().get("c"))));
                }
            }
            if (out.size() > MAX_BARS) {
                throw FieldErrors.invalid("to", "more than " + MAX_BARS + " bars in the range: narrow FROM/TO");
            }
            if (past || messages.size() < PAGE) {
                return Uni.createFrom().item(out);
            }
            return page("(" + messages.get(messages.size() - 1).id(), from, to, symbols, out);
        });
    }

    /** Parses CSV text; problems are reported as 400 with the line number. */
    public static List<BarRow> csv(String text, Instant from, Instant to, Set<String> symbols) {
        List<String> lines = text.lines().map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("#")).toList();
        if (lines.isEmpty()) {
            throw FieldErrors.invalid("csv", "is empty");
        }
        List<String> header = Arrays.stream(lines.get(0).split(",")).map(h -> h.strip().toLowerCase(Locale.ROOT)).toList();
        int ts = header.indexOf("ts") >= 0 ? header.indexOf("ts") : header.indexOf("timestamp");
        int symbol = header.indexOf("symbol");
        int close = header.indexOf("close") >= 0 ? header.indexOf("close") : header.indexOf("c");
        if (ts < 0 || symbol < 0 || close < 0) {
            throw FieldErrors.invalid("csv", "the header must name ts (or timestamp), symbol and close columns");
        }
        List<BarRow> out = new ArrayList<>();
        for (int i = 1; i < lines.size(); i++) {
            String[] cells = lines.get(i).split(",", -1);
            try {
                BarRow row = new BarRow(cells[symbol].strip().toUpperCase(Locale.ROOT), Instant.parse(cells[ts].strip()),
                        new BigDecimal(cells[close].strip()));
                if (row.close().signum() <= 0 || !row.symbol().matches("[A-Z0-9.]{1,16}")) {
                    throw new IllegalArgumentException("bad symbol or close");
                }
                if ((symbols.isEmpty() || symbols.contains(row.symbol())) && (from == null || !row.ts().isBefore(from))
                        && (to == null || !row.ts().isAfter(to))) {
                    out.add(row);
                }
            } catch (RuntimeException e) {
                throw FieldErrors.invalid("csv", "line " + (i + 1) + " is not ts,symbol,close (ISO-8601 instant, symbol, price > 0)");
            }
            if (out.size() > MAX_BARS) {
                throw FieldErrors.invalid("csv", "more than " + MAX_BARS + " bars");
            }
        }
        return out;
    }
}
