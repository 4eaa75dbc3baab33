package io.tripwire.reconciler.desk;

import io.smallrye.mutiny.Uni;
import io.tripwire.controlplane.audit.AuditEntry;
import io.tripwire.controlplane.audit.AuditWriter;
import jakarta.enterprise.context.ApplicationScoped;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/** Cash deposited into / withdrawn from the broker account, booked in the desk ledger with an audit row. */
@ApplicationScoped
public class CashService {

    private final DeskRepository desk;
    private final AuditWriter audit;
    private final Clock clock;

    public CashService(DeskRepository desk, AuditWriter audit, Clock clock) {
        this.desk = desk;
        this.audit = audit;
        this.clock = clock;
    }

    public Uni<SnapshotReconciliation.Ledger> move(String amountText, String notes, String actor) {
        return Uni.createFrom().item(() -> {
            BigDecimal amount = SnapshotParser.decimal(amountText, "amount");
            if (amount.signum() == 0) {
                throw Fills.invalid("amount", "amount must not be 0 (negative = withdrawal)");
            }
            if (notes == null || notes.isBlank()) {
                throw Fills.invalid("notes", "notes are required (why the cash moved)");
            }
            return amount;
        }).chain(amount -> {
            Instant now = clock.instant();
            String ref = "cash:" + UUID.randomUUID();
            return desk.pool().withTransaction(tx -> desk.ledgerEntry(tx, "CASH", ref, null, BigDecimal.ZERO, amount, null, notes,
                            actor, now)
                    .chain(() -> audit.append(tx, AuditEntry.success(actor, "DESK_CASH_MOVEMENT", "desk_ledger", ref, notes,
                            Map.of("amount", amount.toPlainString()))))
                    .chain(() -> desk.ledger(tx)));
        });
    }
}
