package io.tripwire.papervenue.order;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.tripwire.controlplane.group.CommitGroups;
import io.tripwire.papervenue.PaperVenueConfig;
import io.tripwire.papervenue.account.DayBaseline;
import io.tripwire.papervenue.alpaca.AlpacaException;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlClient;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.function.Function;

/**
 * Books orders in groups (a group commit, ADR 0032; the queue is control-plane's `CommitGroups`): every order that arrives while a group is being
 * booked joins the next one, which takes the account lock once, books its orders one after the other
 * (each sees the cash and positions the previous one left) and commits once. Fills stay serialized and
 * consistent as with one transaction per order, without paying a lock hand-over and a commit per order.
 *
 * <p>A refusal (buying power, bad input) refuses that order alone. Any other failure rolls the group
 * back; its orders are then booked again, each in a transaction of its own, so one order (say a reused
 * client_order_id) never fails the others.
 */
@ApplicationScoped
public class BookingGroups {

    /** One order's work inside the group's transaction, which already holds the account lock. */
    public interface Booking extends Function<SqlClient, Uni<PaperOrder>> {
    }

    private final Pool pool;
    private final DayBaseline accounts; // locks the account row and rolls the daily baseline first
    private final CommitGroups<Booking, PaperOrder> groups;

    public BookingGroups(Pool pool, DayBaseline accounts, BookingMetrics metrics, PaperVenueConfig config) {
        this.pool = pool;
        this.accounts = accounts;
        this.groups = new CommitGroups<>("booking", config.orders().bookingGroupMax(), this::together, metrics);
        metrics.watchWaiting(groups::waiting);
    }

    /** Orders waiting for the next group. */
    public int waiting() {
        return groups.waiting();
    }

    public Uni<PaperOrder> book(Booking booking) {
        return groups.submit(booking);
    }

    private Uni<List<CommitGroups.Outcome<PaperOrder>>> together(List<Booking> group) {
        return pool.withTransaction(tx -> accounts.lockForBooking(tx).chain(() -> Multi.createFrom().iterable(group)
                .onItem().transformToUniAndConcatenate(booking -> Uni.createFrom().deferred(() -> booking.apply(tx))
                        .map(CommitGroups.Outcome::of)
                        .onFailure(AlpacaException.class).recoverWithItem(CommitGroups.Outcome::<PaperOrder>failed))
                .collect().asList()));
    }
}
