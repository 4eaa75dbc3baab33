package io.tripwire.reconciler.desk;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** One deterministic ticket: NO_TRADE by default, TRADE only when every gate passed and trade building is on. */
class TicketBuilderTest {

    static final LocalDate DAY = LocalDate.of(2026, 12, 7);

    static Ticket.Inputs inputs(List<String> reasons, boolean allowed, String cash, Map<String, String> positions) {
        return new Ticket.Inputs("manual", reasons, allowed, new BigDecimal(cash), SnapshotReconciliationTest.decimals(positions),
                SnapshotReconciliationTest.decimals(Map.of("SPY", "400", "AAPL", "200", "MSFT", "300")),
                SnapshotReconciliationTest.decimals(Map.of("SPY", "0.5", "AAPL", "0.2", "MSFT", "0.2")), new BigDecimal("50"), 20);
    }

    @Test
    void theSameInputsGiveTheSameBytesHashAndId() {
        Ticket a = TicketBuilder.build(DAY, inputs(List.of(), true, "10000", Map.of()));
        Ticket b = TicketBuilder.build(DAY, inputs(List.of(), true, "10000.00", Map.of()));
        assertThat(b.json()).isEqualTo(a.json());
        assertThat(b.markdown()).isEqualTo(a.markdown());
        assertThat(b.sha256()).isEqualTo(a.sha256()).isEqualTo(TicketBuilder.sha256(a.json())).hasSize(64);
        assertThat(b.ticketId()).isEqualTo(a.ticketId()).startsWith("T-2026-12-07-");
        Ticket other = TicketBuilder.build(DAY, inputs(List.of(), true, "10001", Map.of()));
        assertThat(other.sha256()).isNotEqualTo(a.sha256());
    }

    @Test
    void everyGatePassedAndTradesAllowedRebalancesSellsFirst() {
        Ticket t = TicketBuilder.build(DAY, inputs(List.of(), true, "5000", Map.of("MSFT", "20")));
        // equity 5000 + 20 x 300 = 11000: SPY 0.5 -> 13.75, AAPL 0.2 -> 11, MSFT 0.2 -> 7.3333 (sell 12.6667)
        assertThat(t.type()).isEqualTo("TRADE");
        assertThat(t.reasons()).isEmpty();
        assertThat(t.lines()).extracting(Ticket.Line::sequence, Ticket.Line::symbol, Ticket.Line::side)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(1, "MSFT", "SELL"),
                        org.assertj.core.groups.Tuple.tuple(2, "AAPL", "BUY"), org.assertj.core.groups.Tuple.tuple(3, "SPY", "BUY"));
        assertThat(t.lines().get(0).units()).isEqualByComparingTo("12.6667");
        assertThat(t.lines().get(0).limitPrice()).isEqualByComparingTo("299.4");
        assertThat(t.lines().get(2).units()).isEqualByComparingTo("13.75");
        assertThat(t.lines().get(2).limitPrice()).isEqualByComparingTo("400.8");
        assertThat(t.markdown()).contains("| 1 | MSFT | SELL | 12.6667 | 299.4 | 20 |");
    }

    @Test
    void noTradeIsTheDefault() {
        Ticket closed = TicketBuilder.build(DAY, inputs(List.of("RECONCILIATION_REQUIRED", "DATA_QUALITY_FAIL"), true, "10000", Map.of()));
        assertThat(closed.type()).isEqualTo("NO_TRADE");
        assertThat(closed.reasons()).containsExactly("DATA_QUALITY_FAIL", "RECONCILIATION_REQUIRED");
        assertThat(closed.lines()).isEmpty();

        Ticket notAllowed = TicketBuilder.build(DAY, inputs(List.of(), false, "10000", Map.of()));
        assertThat(notAllowed.type()).isEqualTo("NO_TRADE");
        assertThat(notAllowed.reasons()).containsExactly("DRYRUN_TRADES_DISABLED");

        // already at target: nothing worth a line
        Ticket balanced = TicketBuilder.build(DAY, new Ticket.Inputs("manual", List.of(), true, new BigDecimal("10"),
                new TreeMap<>(Map.of("SPY", new BigDecimal("1"))), new TreeMap<>(Map.of("SPY", new BigDecimal("400"))),
                new TreeMap<>(Map.of("SPY", new BigDecimal("0.97")))
                , new BigDecimal("50"), 20));
        assertThat(balanced.type()).isEqualTo("NO_TRADE");
        assertThat(balanced.reasons()).containsExactly("NO_REBALANCE");
    }
}
