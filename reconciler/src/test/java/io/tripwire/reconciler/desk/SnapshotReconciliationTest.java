package io.tripwire.reconciler.desk;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** Seed 002's reconciliation limits: cash ± 5, units ± 0.0001 (inclusive), missing and extra positions, unknown symbols. */
class SnapshotReconciliationTest {

    static final List<String> UNIVERSE = List.of("SPY", "AAPL", "MSFT");
    static final BigDecimal CASH_TOL = new BigDecimal("5");
    static final BigDecimal UNITS_TOL = new BigDecimal("0.0001");

    static SnapshotReconciliation.Result run(String cash, Map<String, String> shown, String ledgerCash, Map<String, String> held) {
        return SnapshotReconciliation.reconcile(new SnapshotReconciliation.Snapshot(LocalDate.of(2026, 12, 7),
                        new BigDecimal(cash), decimals(shown), "test"),
                new SnapshotReconciliation.Ledger(new BigDecimal(ledgerCash), decimals(held)), UNIVERSE, CASH_TOL, UNITS_TOL);
    }

    static TreeMap<String, BigDecimal> decimals(Map<String, String> m) {
        TreeMap<String, BigDecimal> out = new TreeMap<>();
        m.forEach((k, v) -> out.put(k, new BigDecimal(v)));
        return out;
    }

    @Test
    void cashWithinToleranceOnEitherSidePassesAndJustBeyondFails() {
        assertThat(run("1005.00", Map.of(), "1000", Map.of()).passed()).isTrue();
        assertThat(run("995.00", Map.of(), "1000", Map.of()).passed()).isTrue();
        SnapshotReconciliation.Result over = run("1005.01", Map.of(), "1000", Map.of());
        assertThat(over.passed()).isFalse();
        assertThat(over.issues()).extracting(SnapshotReconciliation.Issue::check).containsExactly("CASH_DIFF");
        assertThat(over.cashDiff()).isEqualByComparingTo("5.01");
        assertThat(run("994.99", Map.of(), "1000", Map.of()).passed()).isFalse();
    }

    @Test
    void unitsWithinAHundredthOfAThousandthPassAndJustBeyondFail() {
        assertThat(run("1000", Map.of("SPY", "10.0001"), "1000", Map.of("SPY", "10")).passed()).isTrue();
        assertThat(run("1000", Map.of("SPY", "9.9999"), "1000", Map.of("SPY", "10")).passed()).isTrue();
        SnapshotReconciliation.Result over = run("1000", Map.of("SPY", "10.00011"), "1000", Map.of("SPY", "10"));
        assertThat(over.passed()).isFalse();
        assertThat(over.issues()).extracting(SnapshotReconciliation.Issue::check).containsExactly("UNITS_DIFF");
        assertThat(over.maxUnitsDiff()).isEqualByComparingTo("0.00011");
        assertThat(run("1000", Map.of("SPY", "9.99989"), "1000", Map.of("SPY", "10")).passed()).isFalse();
    }

    @Test
    void aLedgerPositionMissingFromTheSnapshotFails() {
        SnapshotReconciliation.Result r = run("1000", Map.of("SPY", "10"), "1000", Map.of("SPY", "10", "AAPL", "3"));
        assertThat(r.passed()).isFalse();
        assertThat(r.issues()).singleElement().satisfies(i -> {
            assertThat(i.check()).isEqualTo("MISSING_POSITION");
            assertThat(i.symbol()).isEqualTo("AAPL");
        });
    }

    @Test
    void aSnapshotPositionTheLedgerDoesNotHoldFailsUnlessWithinTolerance() {
        SnapshotReconciliation.Result r = run("1000", Map.of("SPY", "10", "MSFT", "2"), "1000", Map.of("SPY", "10"));
        assertThat(r.passed()).isFalse();
        assertThat(r.issues()).extracting(SnapshotReconciliation.Issue::check).containsExactly("EXTRA_POSITION");
        assertThat(run("1000", Map.of("MSFT", "0"), "1000", Map.of()).passed()).isTrue();
    }

    @Test
    void aSymbolOutsideTheUniverseFails() {
        SnapshotReconciliation.Result r = run("1000", Map.of("TSLA", "0"), "1000", Map.of());
        assertThat(r.passed()).isFalse();
        assertThat(r.issues()).extracting(SnapshotReconciliation.Issue::check).containsExactly("UNKNOWN_SYMBOL");
    }

    @Test
    void anExactMatchPasses() {
        SnapshotReconciliation.Result r = run("1234.56", Map.of("SPY", "1.5", "AAPL", "2"), "1234.56", Map.of("SPY", "1.5", "AAPL", "2"));
        assertThat(r.passed()).isTrue();
        assertThat(r.issues()).isEmpty();
    }
}
