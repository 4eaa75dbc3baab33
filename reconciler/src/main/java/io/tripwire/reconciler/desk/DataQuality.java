package io.tripwire.reconciler.desk;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The data-quality report of a run (seed 002 "NO DATA"): universe coverage, missing (gaps), duplicate and stale
 * bars, OHLC sanity. Pure: the same bars, universe, limits and instant give the same report.
 */
public final class DataQuality {

    /** Limits of the report (from {@link DeskConfig}). */
    public record Limits(Duration maxBarAge, Duration maxBarGap, BigDecimal coverageMinPct) {
    }

    /** One problem found: {@code check} is COVERAGE, MISSING_BAR, DUPLICATE_BAR, STALE or OHLC. */
    public record Issue(String symbol, String check, String detail) {
    }

    /** The report; {@code closes} are the newest closes of the covered symbols (what a ticket prices from). */
    public record Report(boolean passed, BigDecimal coveragePct, List<Issue> issues, SortedMap<String, BigDecimal> closes) {
    }

    private DataQuality() {
    }

    public static Report evaluate(List<DeskBar> bars, List<String> universe, Instant now, Limits limits) {
        Map<String, List<DeskBar>> bySymbol = bars.stream().filter(b -> universe.contains(b.symbol()))
                .collect(Collectors.groupingBy(DeskBar::symbol));
        List<Issue> issues = new ArrayList<>();
        SortedMap<String, BigDecimal> closes = new TreeMap<>();
        int covered = 0;
        for (String symbol : universe.stream().sorted().distinct().toList()) {
            List<DeskBar> own = new ArrayList<>(bySymbol.getOrDefault(symbol, List.of()));
            if (own.isEmpty()) {
                issues.add(new Issue(symbol, "COVERAGE", "no bars in the window"));
                continue;
            }
            covered++;
            own.sort(Comparator.comparing(DeskBar::ts));
            checkSeries(symbol, own, issues, limits);
            DeskBar newest = own.getLast();
            Duration age = Duration.between(newest.ts(), now);
            if (age.compareTo(limits.maxBarAge()) > 0) {
                issues.add(new Issue(symbol, "STALE", "newest bar " + newest.ts() + " is " + age.toSeconds() + " s old"));
            }
            closes.put(symbol, newest.close());
        }
        int size = (int) universe.stream().distinct().count();
        BigDecimal coverage = size == 0 ? BigDecimal.ZERO : BigDecimal.valueOf(covered * 100L)
                .divide(BigDecimal.valueOf(size), 3, RoundingMode.DOWN);
        boolean coverageOk = size > 0 && coverage.compareTo(limits.coverageMinPct()) >= 0;
        boolean othersOk = issues.stream().allMatch(i -> "COVERAGE".equals(i.check()));
        return new Report(coverageOk && othersOk, coverage, List.copyOf(issues), closes);
    }

    private static void checkSeries(String symbol, List<DeskBar> own, List<Issue> issues, Limits limits) {
        Set<Instant> seen = new HashSet<>();
        DeskBar previous = null;
        for (DeskBar bar : own) {
            if (!seen.add(bar.ts())) {
                issues.add(new Issue(symbol, "DUPLICATE_BAR", "two bars at " + bar.ts()));
            } else if (previous != null && Duration.between(previous.ts(), bar.ts()).compareTo(limits.maxBarGap()) > 0) {
                issues.add(new Issue(symbol, "MISSING_BAR", "gap from " + previous.ts() + " to " + bar.ts()));
            }
            String ohlc = ohlcProblem(bar);
            if (ohlc != null) {
                issues.add(new Issue(symbol, "OHLC", ohlc + " at " + bar.ts()));
            }
            previous = bar;
        }
    }

    static String ohlcProblem(DeskBar b) {
        if (b.open().signum() <= 0 || b.high().signum() <= 0 || b.low().signum() <= 0 || b.close().signum() <= 0) {
            return "a price is not positive";
        }
        if (b.high().compareTo(b.open().max(b.close()).max(b.low())) < 0) {
            return "high below open/close/low";
        }
        if (b.low().compareTo(b.open().min(b.close())) > 0) {
            return "low above open/close";
        }
        return null;
    }
}
