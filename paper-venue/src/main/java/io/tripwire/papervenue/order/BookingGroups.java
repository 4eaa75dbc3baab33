package io.tripwire.papervenue.order;

import io.quarkus.logging.Log;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.UniEmitter;
import io.tripwire.papervenue.PaperVenueConfig;
import io.tripwire.papervenue.account.AccountRepository;
import io.tripwire.papervenue.alpaca.AlpacaException;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlClient;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;

/**
 * Books orders in groups (a group commit): every order that arrives while a group is being booked
 * joins the next one, which takes the account lock once, books its orders one after the other (each
 * sees the cash and positions the previous one left) and commits once. Fills stay serialized and
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

    private record Pending(Booking booking, UniEmitter<? super PaperOrder> emitter, Context context) {
    }

    /** What one order's booking came to: the order, or why it was refused. */
    private record Outcome(PaperOrder order, Throwable refusal) {
    }

    private final Pool pool;
    private final AccountRepository accounts;
    private final BookingMetrics metrics;
    private final int maxGroup;
    private final ConcurrentLinkedQueue<Pending> queue = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean booking = new AtomicBoolean();

    public BookingGroups(Pool pool, AccountRepository accounts, BookingMetrics metrics, PaperVenueConfig config) {
        this.pool = pool;
        this.accounts = accounts;
        this.metrics = metrics;
        this.maxGroup = config.orders().bookingGroupMax();
        metrics.watchQueue(queue);
    }

    /** Orders waiting for the next group. */
    public int waiting() {
        return queue.size();
    }

    public Uni<PaperOrder> book(Booking booking) {
        return Uni.createFrom().emitter(emitter -> {
            queue.add(new Pending(booking, emitter, Vertx.currentContext()));
            next();
        });
    }

    /** Starts the next group unless one is being booked; whoever finishes a group starts the next. */
    private void next() {
        while (!queue.isEmpty() && booking.compareAndSet(false, true)) {
            List<Pending> group = new ArrayList<>();
            for (Pending p = queue.poll(); p != null; p = group.size() < maxGroup ? queue.poll() : null) {
                group.add(p);
            }
            if (group.isEmpty()) {
                booking.set(false);
                continue;
            }
            metrics.group(group.size());
            together(group).onTermination().invoke(() -> {
                booking.set(false);
                next();
            }).subscribe().with(ignored -> { }, e -> Log.errorf(e, "booking group of %d failed", group.size()));
            return;
        }
    }

    private Uni<Void> together(List<Pending> group) {
        return pool.withTransaction(tx -> accounts.lockForBooking(tx).chain(() -> Multi.createFrom().iterable(group)
                        .onItem().transformToUniAndConcatenate(p -> Uni.createFrom().deferred(() -> p.booking().apply(tx))
                                .map(order -> new Outcome(order, null))
                                .onFailure(AlpacaException.class).recoverWithItem(e -> new Outcome(null, e)))
                        .collect().asList()))
                .invoke(outcomes -> {
                    for (int i = 0; i < group.size(); i++) {
                        answer(group.get(i), outcomes.get(i));
                    }
                })
                .replaceWithVoid()
                .onFailure().recoverWithUni(failure -> group.size() == 1
                        ? Uni.createFrom().voidItem().invoke(() -> answer(group.getFirst(), new Outcome(null, failure)))
                        : alone(group));
    }

    /** After a group failed: each order again in its own transaction (and its own failure). */
    private Uni<Void> alone(List<Pending> group) {
        metrics.groupRetried();
        return Multi.createFrom().iterable(group)
                .onItem().transformToUniAndConcatenate(p -> together(List.of(p)))
                .collect().last().replaceWithVoid();
    }

    private static void answer(Pending pending, Outcome outcome) {
        Runnable complete = outcome.refusal() == null
                ? () -> pending.emitter().complete(outcome.order())
                : () -> pending.emitter().fail(outcome.refusal());
        if (pending.context() != null) {
            pending.context().runOnContext(ignored -> complete.run()); // answer on the request's own event loop
        } else {
            complete.run();
        }
    }
}
