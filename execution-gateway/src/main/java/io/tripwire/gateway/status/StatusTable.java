package io.tripwire.gateway.status;

import io.tripwire.gateway.breaker.BreakerView;
import io.tripwire.gateway.killswitch.KillSwitchView;
import io.tripwire.gateway.order.OrderView;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** The status as a fixed-width text table for terminals ({@code Accept: text/plain}, {@code make status}). */
public final class StatusTable {

    private static final String POSITION_ROW = "%-10s %14s %14s %14s %14s%n";
    private static final String ORDER_ROW = "%-36s %-8s %-4s %-6s %12s %12s %12s %-16s %6s%n";

    private StatusTable() {
    }

    public static String render(StatusView s) {
        StringBuilder out = new StringBuilder();
        out.append(String.format("TRIPWIRE STATUS  %s  (trading mode: %s)%n%n", s.generatedAt(), s.tradingMode()));
        out.append(String.format("%-16s %s%n", "Circuit breaker", breaker(s.breaker())));
        out.append(String.format("%-16s %s%n", "Kill switch", killSwitch(s.killSwitch())));
        out.append(String.format("%-16s %s%n", "Reconciliation", s.reconciliation().state()
                + (s.reconciliation().runId() == null ? "" : " (run " + s.reconciliation().runId() + ")")));
        out.append(String.format("%-16s %s%n", "P&L", s.pnl() == null ? "unavailable"
                : "daily " + money(s.pnl().dailyPnl()) + "   unrealized " + money(s.pnl().unrealizedPnl())
                + "   equity " + money(s.pnl().equity())));
        out.append(String.format("%nPOSITIONS%n")).append(String.format(POSITION_ROW, "SYMBOL", "QTY", "AVG ENTRY",
                "PRICE", "UNREALIZED"));
        if (s.positions() == null) {
            out.append("  unavailable\n");
        } else if (s.positions().isEmpty()) {
            out.append("  (flat)\n");
        } else {
            s.positions().forEach(p -> out.append(String.format(POSITION_ROW, p.symbol(), plain(p.qty()),
                    money(p.avgEntryPrice()), money(p.currentPrice()), money(p.unrealizedPnl()))));
        }
        out.append(String.format("%nOPEN ORDERS%n")).append(String.format(ORDER_ROW, "CLIENT ORDER ID", "SYMBOL", "SIDE",
                "TYPE", "QTY", "FILLED", "LIMIT", "STATUS", "AGE"));
        List<OrderView> open = s.openOrders();
        if (open == null) {
            out.append("  unavailable\n");
        } else if (open.isEmpty()) {
            out.append("  (none)\n");
        } else {
            open.forEach(o -> out.append(String.format(ORDER_ROW, o.clientOrderId(), o.symbol(), o.side(), o.type(),
                    plain(o.qty()), plain(o.filledQty()), o.limitPrice() == null ? "-" : money(o.limitPrice()), o.status(),
                    age(o.createdAt(), s.generatedAt()))));
        }
        if (!s.errors().isEmpty()) {
            out.append(String.format("%nNOT AVAILABLE%n"));
            for (Map.Entry<String, String> e : s.errors().entrySet()) {
                out.append(String.format("  %-12s %s%n", e.getKey(), e.getValue()));
            }
        }
        return out.toString();
    }

    private static String breaker(BreakerView b) {
        String state = b.state() == null ? "UNAVAILABLE (" + b.unavailableReason() + ")" : b.state();
        String effective = b.state() != null && !b.state().equals(b.effectiveStatus()) ? " (effective " + b.effectiveStatus() + ")" : "";
        String trip = b.tripReason() == null ? "" : "  reason " + b.tripReason();
        String quiet = b.quietUntil() == null ? "" : "  quiet until " + b.quietUntil();
        return state + effective + trip + quiet + String.format("  verified %.1f s ago", b.stalenessSeconds());
    }

    private static String killSwitch(KillSwitchView k) {
        if (!k.available()) {
            return "UNAVAILABLE (" + k.unavailableReason() + ")";
        }
        if (!Boolean.TRUE.equals(k.active())) {
            return "inactive";
        }
        String flat = k.flat() == null ? "" : Boolean.TRUE.equals(k.flat()) ? "  venue flat" : "  flattening";
        return "ACTIVE " + k.mode() + " since " + k.activatedAt() + " by " + k.activatedBy() + flat + "  (" + k.reason() + ")";
    }

    private static String money(BigDecimal value) {
        return value == null ? "-" : value.setScale(2, RoundingMode.HALF_EVEN).toPlainString();
    }

    private static String plain(BigDecimal value) {
        return value == null ? "-" : value.stripTrailingZeros().toPlainString();
    }

    private static String age(Instant created, Instant now) {
        long seconds = Duration.between(created, now).toSeconds();
        return seconds < 120 ? seconds + "s" : seconds / 60 + "m";
    }
}
