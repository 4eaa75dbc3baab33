package io.tripwire.reconciler.desk;

import io.smallrye.mutiny.Uni;
import io.tripwire.controlplane.audit.AuditEntry;
import io.tripwire.controlplane.audit.AuditWriter;
import io.tripwire.controlplane.reject.RejectCode;
import io.tripwire.controlplane.reject.RejectException;
import io.tripwire.controlplane.state.StateCodec;
import jakarta.enterprise.context.ApplicationScoped;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Confirmations (seed 002 NO CONFIRM): the ACK of a NO_TRADE ticket, the fills of a TRADE ticket. Fills are booked into
 * the desk ledger (units and cash) in one transaction with the confirmation, the fills and an audit row; the same
 * fills again change nothing; a fill that contradicts a recorded one, fills for another ticket, or malformed JSON are
 * refused and change nothing.
 */
@ApplicationScoped
public class ConfirmationService {

    private final TicketRepository tickets;
    private final DeskRepository desk;
    private final DeskService runs;
    private final AuditWriter audit;
    private final Clock clock;

    public ConfirmationService(TicketRepository tickets, DeskRepository desk, DeskService runs, AuditWriter audit, Clock clock) {
        this.tickets = tickets;
        this.desk = desk;
        this.runs = runs;
        this.audit = audit;
        this.clock = clock;
    }

    /** ACK of the ticket named (default: the newest), which must be NO_TRADE. */
    public Uni<DeskAnswer> acknowledge(String ticketId, String notes, String actor) {
        return target(ticketId).chain(t -> {
            if (t.trade()) {
                return Uni.createFrom().failure(new RejectException(RejectCode.STATE_CONFLICT, "ticket " + t.ticketId()
                        + " is a TRADE ticket: confirm it with its fills (make confirm-fills FILLS_JSON=…)",
                        Map.of("ticket_id", t.ticketId())));
            }
            Instant now = clock.instant();
            String payload = StateCodec.encode(Map.of("ticket_id", t.ticketId(), "kind", "ACK_NO_TRADE", "notes",
                    notes == null ? "" : notes));
            String runId = DeskService.runId(now, "CONFIRM");
            boolean[] recorded = new boolean[1];
            return runs.finish(runId, "CONFIRM", runs.today(), actor, now, "ACK_NO_TRADE", t.ticketId(),
                    Map.of("ticket_id", t.ticketId(), "already_confirmed", t.confirmed()),
                    tx -> tickets.acknowledge(tx, t.ticketId(), payload, TicketBuilder.sha256(payload), actor, now)
                            .invoke(b -> recorded[0] = b)
                            .chain(b -> b ? audit.append(tx, auditEntry(actor, t.ticketId(), "ACK_NO_TRADE", Map.of()))
                                    .replaceWithVoid() : Uni.createFrom().voidItem()), Map.of());
        });
    }

    /** Fills of the ticket the JSON names; {@code expected} (default: the newest ticket) must be that ticket. */
    public Uni<DeskAnswer> fills(String json, String expected, String actor) {
        return Uni.createFrom().item(() -> Fills.parse(json)).chain(s -> target(expected).chain(t -> {
            if (!t.ticketId().equals(s.ticketId())) {
                return conflict("the fills are for ticket " + s.ticketId() + ", but the ticket to confirm is " + t.ticketId(), t);
            }
            if (!t.trade()) {
                return conflict("ticket " + t.ticketId() + " is NO_TRADE: acknowledge it with make confirm", t);
            }
            Fills.check(s, t.lines());
            Instant now = clock.instant();
            String payload = StateCodec.encode(Map.of("ticket_id", s.ticketId(), "fills", s.fills(), "notes",
                    s.notes() == null ? "" : s.notes()));
            String runId = DeskService.runId(now, "CONFIRM_FILLS");
            Map<String, Object> report = new LinkedHashMap<>();
            return desk.pool().withTransaction(tx -> tickets.lock(tx, t.ticketId()).chain(() -> tickets.fills(tx, t.ticketId())))
                    .chain(recorded -> {
                        List<Fills.Fill> fresh = s.fills().stream().filter(f -> !recorded.containsKey(f.sequence())).toList();
                        for (Fills.Fill f : s.fills()) {
                            Fills.Fill before = recorded.get(f.sequence());
                            if (before != null && !TicketRepository.same(before, f)) {
                                return conflict("line " + f.sequence() + " is already recorded as " + before.status() + " "
                                        + before.units().toPlainString() + " units: a recorded fill is not changed", t);
                            }
                        }
                        report.put("ticket_id", t.ticketId());
                        report.put("recorded", fresh.size());
                        report.put("unchanged", s.fills().size() - fresh.size());
                        String outcome = fresh.isEmpty() ? "FILLS_UNCHANGED" : "FILLS_RECORDED";
                        return runs.finish(runId, "CONFIRM_FILLS", runs.today(), actor, now, outcome, t.ticketId(), report,
                                tx -> book(tx, t, fresh, payload, actor, now), Map.of());
                    });
        }));
    }

    private Uni<Void> book(io.vertx.mutiny.sqlclient.SqlClient tx, TicketRepository.StoredTicket t, List<Fills.Fill> fresh,
                           String payload, String actor, Instant now) {
        if (fresh.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        // re-read under the ticket's lock in this transaction: a concurrent identical submission cannot book twice
        return tickets.lock(tx, t.ticketId()).chain(() -> tickets.fills(tx, t.ticketId())).chain(recorded -> {
            List<Fills.Fill> still = fresh.stream().filter(f -> !recorded.containsKey(f.sequence())).toList();
            if (still.isEmpty()) {
                return Uni.createFrom().voidItem();
            }
            return tickets.confirmation(tx, t.ticketId(), payload, TicketBuilder.sha256(payload), actor, now).chain(id -> {
                Uni<Void> chain = Uni.createFrom().voidItem();
                for (Fills.Fill f : still) {
                    Ticket.Line line = t.lines().stream().filter(l -> l.sequence() == f.sequence()).findFirst().orElseThrow();
                    chain = chain.chain(() -> tickets.fill(tx, t.ticketId(), line, f, id, now)).chain(() -> ledger(tx, t, line, f, actor, now));
                }
                return chain.chain(() -> audit.append(tx, auditEntry(actor, t.ticketId(), "FILLS",
                        Map.of("lines", still.stream().map(Fills.Fill::sequence).toList()))).replaceWithVoid());
            });
        });
    }

    private Uni<Void> ledger(io.vertx.mutiny.sqlclient.SqlClient tx, TicketRepository.StoredTicket t, Ticket.Line line,
                             Fills.Fill f, String actor, Instant now) {
        if (f.units().signum() == 0) {
            return Uni.createFrom().voidItem();
        }
        BigDecimal units = "BUY".equals(line.side()) ? f.units() : f.units().negate();
        BigDecimal cash = units.multiply(f.price()).negate();
        return desk.ledgerEntry(tx, "FILL", "fill:" + t.ticketId() + ":" + f.sequence(), line.symbol(), units, cash, f.price(),
                f.status(), actor, now);
    }

    private Uni<TicketRepository.StoredTicket> target(String ticketId) {
        Uni<TicketRepository.StoredTicket> found = ticketId == null || ticketId.isBlank() ? tickets.latest() : tickets.byId(ticketId);
        return found.map(t -> {
            if (t == null) {
                throw new RejectException(RejectCode.NOT_FOUND, ticketId == null || ticketId.isBlank()
                        ? "there is no ticket yet: make run-1400 first" : "no ticket " + ticketId, Map.of());
            }
            return t;
        });
    }

    private static <T> Uni<T> conflict(String message, TicketRepository.StoredTicket t) {
        return Uni.createFrom().failure(new RejectException(RejectCode.STATE_CONFLICT, message, Map.of("ticket_id", t.ticketId())));
    }

    private AuditEntry auditEntry(String actor, String ticketId, String kind, Map<String, Object> details) {
        Map<String, Object> d = new LinkedHashMap<>(details);
        d.put("kind", kind);
        return AuditEntry.success(actor, "CONFIRMATION_SUBMITTED", "desk_ticket", ticketId, kind, d);
    }
}
