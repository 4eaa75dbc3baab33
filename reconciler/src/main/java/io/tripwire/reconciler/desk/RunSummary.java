package io.tripwire.reconciler.desk;

import java.util.List;

/** The Markdown a run leaves under {@code artifacts/runs/<run_id>/run_summary.md}, and the reconciliation report. */
final class RunSummary {

    private RunSummary() {
    }

    static String run(DeskRun run, List<String> scopes, String reportJson) {
        return "# Desk run " + run.runId() + "\n\n"
                + "- Kind: " + run.kind() + "\n"
                + "- As of: " + run.asofDate() + "\n"
                + "- Actor: " + run.actor() + "\n"
                + "- Outcome: **" + run.outcome() + "**\n"
                + (run.ticketId() == null ? "" : "- Ticket: " + run.ticketId() + " (ticket.md, ticket.json in this folder)\n")
                + "- Gate (" + String.join(", ", scopes) + "): " + (run.gateOpen() ? "OPEN" : "CLOSED: "
                + String.join(", ", run.reasons())) + "\n"
                + "- Started: " + run.startedAt() + ", finished: " + run.finishedAt() + "\n\n"
                + "## Report\n\n```json\n" + reportJson + "\n```\n";
    }

    static String reconciliation(String runId, SnapshotReconciliation.Snapshot s, SnapshotReconciliation.Ledger ledger,
                                 SnapshotReconciliation.Result r, DeskConfig config) {
        StringBuilder md = new StringBuilder("# Reconciliation " + runId + ": " + (r.passed() ? "RECONCILIATION_PASS"
                : "RECONCILIATION_FAIL") + "\n\n");
        md.append("- Snapshot date: ").append(s.date()).append("\n- Notes: ").append(s.notes() == null ? "" : s.notes()).append('\n');
        md.append("- Cash: broker ").append(s.cash().toPlainString()).append(' ').append(config.baseCurrency()).append(", ledger ")
                .append(ledger.cash().toPlainString()).append(", diff ").append(r.cashDiff().toPlainString()).append(" (tolerance ")
                .append(config.cashTolerance().toPlainString()).append(")\n");
        md.append("- Largest units difference: ").append(r.maxUnitsDiff().toPlainString()).append(" (tolerance ")
                .append(config.unitsTolerance().toPlainString()).append(")\n\n");
        md.append("| symbol | broker units | ledger units |\n|---|---|---|\n");
        java.util.TreeSet<String> symbols = new java.util.TreeSet<>(s.positions().keySet());
        symbols.addAll(ledger.positions().keySet());
        for (String sym : symbols) {
            md.append("| ").append(sym).append(" | ").append(plain(s.positions().get(sym))).append(" | ")
                    .append(plain(ledger.positions().get(sym))).append(" |\n");
        }
        md.append(r.issues().isEmpty() ? "\nNo differences.\n" : "\n## Differences\n\n");
        r.issues().forEach(i -> md.append("- ").append(i.check()).append(i.symbol() == null ? "" : " " + i.symbol())
                .append(": ledger ").append(plain(i.ledger())).append(", broker ").append(plain(i.snapshot())).append('\n'));
        return md.toString();
    }

    private static String plain(java.math.BigDecimal v) {
        return v == null ? "-" : v.toPlainString();
    }
}
