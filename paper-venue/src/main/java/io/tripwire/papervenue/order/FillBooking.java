package io.tripwire.papervenue.order;

import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.tripwire.papervenue.account.AccountRepository;
import io.tripwire.papervenue.position.Position;
import io.tripwire.papervenue.position.PositionMath;
import io.tripwire.papervenue.position.PositionRepository;
import io.vertx.mutiny.sqlclient.SqlClient;
import jakarta.enterprise.context.ApplicationScoped;
import java.math.BigDecimal;
import java.time.Instant;

/**
 * Books a fill in the caller's transaction (which already holds the account lock): the order row
 * becomes filled with its realized P&L, the position is re-averaged or reduced, and cash moves.
 */
@ApplicationScoped
public class FillBooking {

    private final OrderRepository orders;
    private final PositionRepository positions;
    private final AccountRepository accounts;

    public FillBooking(OrderRepository orders, PositionRepository positions, AccountRepository accounts) {
        this.orders = orders;
        this.positions = positions;
        this.accounts = accounts;
    }

    /** Fills an order that is already stored (a resting limit that became marketable). */
    public Uni<PaperOrder> book(SqlClient tx, PaperOrder order, Fill fill, Instant at) {
        return positions.find(tx, order.symbol()).chain(position -> {
            Booked booked = Booked.of(order, fill, position, at);
            return orders.markFilled(tx, order.id(), fill, booked.pnl(), at)
                    .invoke(updated -> {
                        if (!updated) {
                            throw new IllegalStateException("order " + order.id() + " is no longer open");
                        }
                    })
                    .chain(() -> settle(tx, booked, fill, at));
        });
    }

    /**
     * Stores a new order that fills at once, already filled (one insert instead of insert + update), given
     * the symbol's position read under the account lock. A reused client_order_id fails the insert.
     */
    public Uni<PaperOrder> insertFilled(SqlClient tx, PaperOrder order, Fill fill, Position position, Instant at) {
        Booked booked = Booked.of(order, fill, position, at);
        // The three writes go out together (pipelined: one round trip under the account lock); any failure
        // fails the transaction.
        return Uni.combine().all().unis(orders.insert(tx, booked.order()), positions.save(tx, booked.position()),
                        accounts.addCash(tx, booked.cashDelta(), at)).discardItems()
                .map(v -> logged(booked, fill));
    }

    private Uni<PaperOrder> settle(SqlClient tx, Booked booked, Fill fill, Instant at) {
        return positions.save(tx, booked.position())
                .chain(() -> accounts.addCash(tx, booked.cashDelta(), at))
                .map(v -> logged(booked, fill));
    }

    private static PaperOrder logged(Booked booked, Fill fill) {
        PaperOrder filled = booked.order();
        Log.debugf("Paper order %s (%s) filled: %s %s %s @ %s (ref %s, slippage %s bps, pnl %s)",
                filled.id(), filled.clientOrderId(), filled.side().wire(), fill.qty().toPlainString(),
                filled.symbol(), fill.price().toPlainString(), fill.referencePrice().toPlainString(),
                fill.slippageBps().toPlainString(), booked.pnl().toPlainString());
        return filled;
    }

    /** What a fill does: the filled order with its realized P&L, the new position, and the cash movement. */
    private record Booked(PaperOrder order, Position position, BigDecimal pnl, BigDecimal cashDelta) {

        static Booked of(PaperOrder order, Fill fill, Position position, Instant at) {
            BigDecimal signedQty = fill.qty().multiply(BigDecimal.valueOf(order.side().sign()));
            PositionMath.Applied applied = PositionMath.apply(position, signedQty, fill.price(), at);
            BigDecimal pnl = PositionMath.money(applied.realizedPnl().subtract(fill.commission()));
            // A buy pays qty × price, a sell receives it; commission is always paid.
            BigDecimal cashDelta = signedQty.negate().multiply(fill.price()).subtract(fill.commission());
            return new Booked(order.filled(fill, pnl, at), applied.position(), pnl, cashDelta);
        }
    }
}
