package io.tripwire.reconciler.desk;

import java.time.LocalDate;
import java.util.List;

/** The Markdown rendering of a ticket (what the person at the broker reads); deterministic like the JSON. */
final class TicketMarkdown {

    private TicketMarkdown() {
    }

    static String render(String id, LocalDate asof, String type, List<String> reasons, List<Ticket.Line> lines,
                         Ticket.Inputs in, String sha) {
        StringBuilder md = new StringBuilder();
        md.append("# Ticket ").append(id).append("\n\n");
        md.append("- As of: ").append(asof).append("\n");
        md.append("- Venue: ").append(in.venue()).append(" (executed by hand, confirmed with `make confirm` / `make confirm-fills`)\n");
        md.append("- Decision: **").append(type).append("**\n");
        md.append("- Reasons: ").append(reasons.isEmpty() ? "none (every gate passed)" : String.join(", ", reasons)).append("\n");
        md.append("- SHA-256 of the JSON: `").append(sha).append("`\n\n");
        if (lines.isEmpty()) {
            md.append("No orders. Acknowledge with `make confirm`.\n");
        } else {
            md.append("| # | symbol | side | units | limit price | max slippage (bps) |\n|---|---|---|---|---|---|\n");
            for (Ticket.Line l : lines) {
                md.append("| ").append(l.sequence()).append(" | ").append(l.symbol()).append(" | ").append(l.side())
                        .append(" | ").append(TicketBuilder.plain(l.units())).append(" | ")
                        .append(TicketBuilder.plain(l.limitPrice())).append(" | ").append(l.maxSlippageBps()).append(" |\n");
            }
            md.append("\nReport every line (DONE, PARTIAL, SKIPPED or FAILED) with `make confirm-fills FILLS_JSON=…`.\n");
        }
        md.append("\n## Inputs\n\n- Cash: ").append(TicketBuilder.plain(in.cash())).append("\n- Positions: ")
                .append(in.positions().isEmpty() ? "none" : in.positions().toString()).append("\n- Closes: ")
                .append(in.closes().toString()).append("\n- Targets: ").append(in.targets().toString()).append("\n");
        return md.toString();
    }
}
