package io.tripwire.papervenue.order;

import io.quarkus.logging.Log;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.tripwire.papervenue.PaperVenueConfig;
import io.tripwire.papervenue.account.DayBaseline;
import io.tripwire.papervenue.market.MarketSimulator;
import io.tripwire.papervenue.market.Quote;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.UUID;

/**
 * On every tick: expires DAY orders from before today (UTC) and fills each resting limit order
 * that the new quote reaches, at its limit or better. Each fill is its own transaction, re-checked
 * under the account and order locks, so a concurrent cancel wins or loses cleanly.
 */
@ApplicationScoped
public class RestingOrderMatcher {

    private final Pool pool;
    private final OrderRepository orders;
    private final DayBaseline accounts; // locks the account row and rolls the daily baseline first
    private final FillBooking booking;
    private final MarketSimulator market;
    private final FillCalculator calculator;

    public RestingOrderMatcher(Pool pool, OrderRepository orders, DayBaseline accounts, FillBooking booking,
                               MarketSimulator market, PaperVenueConfig config) {
        this.pool = pool;
        this.orders = orders;
        this.accounts = accounts;
        this.booking = booking;
        this.market = market;
        this.calculator = new FillCalculator(SlippageModel.from(config.slippage()), config.orders().commission());
    }

    public Uni<Void> onTick(Instant at) {
        return orders.expireDayOrders(pool, at.truncatedTo(ChronoUnit.DAYS), at)
                .invoke(expired -> {
                    if (expired > 0) {
                        Log.infof("Paper venue expired %d day orders", expired);
                    }
                })
                .chain(() -> orders.openLimitOrders(pool))
                .chain(open -> Multi.createFrom().iterable(open)
                        .filter(order -> fillFor(order).isPresent())
                        .onItem().transformToUniAndConcatenate(order -> fill(order.id(), at))
                        .collect().asList())
                .replaceWithVoid();
    }

    private Optional<Fill> fillFor(PaperOrder order) {
        Optional<Quote> quote = market.quote(order.symbol());
        return quote.isEmpty() ? Optional.empty() : calculator.fill(order, quote.get());
    }

    private Uni<PaperOrder> fill(UUID id, Instant at) {
        return pool.withTransaction(tx -> accounts.lockForBooking(tx)
                        .chain(() -> orders.lock(tx, id))
                        .chain(order -> {
                            if (order == null || !order.status().isOpen()) {
                                return Uni.createFrom().<PaperOrder>nullItem();
                            }
                            return fillFor(order).map(fill -> booking.book(tx, order, fill, at))
                                    .orElseGet(() -> Uni.createFrom().nullItem());
                        }))
                .onFailure().invoke(e -> Log.errorf(e, "Resting order %s not filled", id))
                .onFailure().recoverWithNull();
    }
}
