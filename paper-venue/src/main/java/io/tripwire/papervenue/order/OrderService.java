package io.tripwire.papervenue.order;

import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.tripwire.papervenue.PaperVenueConfig;
import io.tripwire.papervenue.account.AccountRepository;
import io.tripwire.papervenue.account.AccountRow;
import io.tripwire.papervenue.account.BuyingPower;
import io.tripwire.papervenue.alpaca.AlpacaException;
import io.tripwire.papervenue.market.MarketSimulator;
import io.tripwire.papervenue.market.Quote;
import io.tripwire.papervenue.position.Position;
import io.tripwire.papervenue.position.PositionRepository;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.pgclient.PgException;
import io.vertx.mutiny.sqlclient.SqlClient;
import jakarta.enterprise.context.ApplicationScoped;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Accepts orders: each submission is booked in a {@link BookingGroups} transaction that holds the
 * account lock; it refuses a reused client_order_id (422) or missing buying power (403), persists the
 * order and, when it is marketable now, books its fill. Resting limits are left to {@link RestingOrderMatcher}.
 */
@ApplicationScoped
public class OrderService {

    private final Pool pool;
    private final BookingGroups groups;
    private final OrderRepository orders;
    private final PositionRepository positions;
    private final AccountRepository accounts;
    private final FillBooking booking;
    private final MarketSimulator market;
    private final FillCalculator calculator;
    private final PaperVenueConfig.Orders limits;
    private final Clock clock;

    public OrderService(Pool pool, BookingGroups groups, OrderRepository orders, PositionRepository positions,
                        AccountRepository accounts, FillBooking booking, MarketSimulator market, PaperVenueConfig config,
                        Clock clock) {
        this.pool = pool;
        this.groups = groups;
        this.orders = orders;
        this.positions = positions;
        this.accounts = accounts;
        this.booking = booking;
        this.market = market;
        this.calculator = new FillCalculator(SlippageModel.from(config.slippage()), config.orders().commission());
        this.limits = config.orders();
        this.clock = clock;
    }

    public Uni<PaperOrder> place(PlaceOrder command) {
        return inBooking(tx -> submit(tx, command));
    }

    /** Flattens a position with a market order sized inside the same transaction, so it cannot overshoot. */
    public Uni<PaperOrder> close(String symbol) {
        return inBooking(tx -> positions.find(tx, symbol).chain(position -> {
            if (position.isFlat()) {
                return Uni.createFrom().failure(AlpacaException.notFound("position does not exist"));
            }
            return submit(tx, PlaceOrder.closing(UUID.randomUUID().toString(), symbol, position.qty()));
        }));
    }

    /** Books in a group transaction that holds the account lock ({@link BookingGroups}). */
    private Uni<PaperOrder> inBooking(BookingGroups.Booking work) {
        return groups.book(work).onFailure(OrderService::isUniqueViolation).transform(e -> duplicate());
    }

    /**
     * Within the booking transaction: buying power against every position and resting buy, then the order
     * (already filled when marketable now). A reused client_order_id is caught by the unique index (422).
     */
    private Uni<PaperOrder> submit(SqlClient tx, PlaceOrder command) {
        Quote quote = market.quote(command.symbol()).orElseThrow(() -> AlpacaException.invalid("asset not found"));
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        PaperOrder pending = PaperOrder.accepted(UUID.randomUUID(), command, OrderStatus.NEW, now);
        Optional<Fill> fill = calculator.fill(pending, quote);
        checkNotional(command, quote);
        if (fill.isEmpty() && command.type() == OrderType.MARKET) {
            throw AlpacaException.invalid("notional is too small for one unit fraction");
        }
        // The reads go out together: pipelined on the connection, one round trip under the account lock. The
        // account is read here, not when locked: earlier orders of the same booking group moved its cash.
        return Uni.combine().all().unis(accounts.find(tx), orders.openBuyReserve(tx), positions.all(tx))
                .withUni((account, reserve, all) -> {
                Position position = all.stream().filter(p -> p.symbol().equals(command.symbol())).findFirst()
                        .orElse(Position.flat(command.symbol()));
                checkBuyingPower(account, reserve, all, position, command, quote, fill);
                if (fill.isPresent()) {
                    return booking.insertFilled(tx, pending, fill.get(), position, now);
                }
                PaperOrder order = command.timeInForce() == TimeInForce.IOC
                        ? PaperOrder.accepted(pending.id(), command, OrderStatus.CANCELED, now) : pending;
                return orders.insert(tx, order).replaceWith(order);
            }).invoke(order -> Log.debugf("Paper order %s (%s) accepted: %s %s %s, status %s", order.id(),
                        order.clientOrderId(), order.side().wire(), order.type().wire(), order.symbol(),
                        order.status().wire()));
    }

    private void checkNotional(PlaceOrder command, Quote quote) {
        BigDecimal price = command.limitPrice() != null ? command.limitPrice().max(quote.ask()) : quote.ask();
        BigDecimal notional = command.qty() != null ? command.qty().multiply(price) : command.notional();
        if (notional.compareTo(limits.maxNotional()) > 0) {
            throw AlpacaException.invalid("order notional exceeds the maximum of " + limits.maxNotional().toPlainString());
        }
    }

    private void checkBuyingPower(AccountRow account, BigDecimal reserve, List<Position> all, Position position,
                                  PlaceOrder command, Quote quote, Optional<Fill> fill) {
        BigDecimal shortValue = all.stream().filter(p -> p.qty().signum() < 0)
                .map(p -> p.marketValue(lastOf(p, quote))).reduce(BigDecimal.ZERO, BigDecimal::add);
        BigDecimal power = BuyingPower.of(account.cash(), reserve, shortValue);
        BigDecimal qty = fill.map(Fill::qty).orElse(command.qty());
        BigDecimal price = fill.map(Fill::price).orElse(command.limitPrice());
        BigDecimal signed = qty.multiply(BigDecimal.valueOf(command.side().sign()));
        BigDecimal required = BuyingPower.riskIncreasingQty(position.qty(), signed).multiply(price);
        if (required.compareTo(power) > 0) {
            Log.infof("Paper order %s refused: needs %s, buying power %s", command.clientOrderId(),
                    required.toPlainString(), power.toPlainString());
            throw AlpacaException.forbidden("insufficient buying power");
        }
    }

    private BigDecimal lastOf(Position position, Quote current) {
        return market.quote(position.symbol()).map(Quote::last).orElse(current.last());
    }

    public Uni<PaperOrder> get(UUID id) {
        return orders.find(pool, id).onItem().ifNull().failWith(() -> AlpacaException.notFound("order not found"));
    }

    public Uni<PaperOrder> byClientOrderId(String clientOrderId) {
        return orders.findByClientOrderId(pool, clientOrderId)
                .onItem().ifNull().failWith(() -> AlpacaException.notFound("order not found"));
    }

    public Uni<List<PaperOrder>> list(OrderQuery query) {
        return orders.list(pool, query);
    }

    static AlpacaException duplicate() {
        return AlpacaException.invalid("client_order_id must be unique");
    }

    private static boolean isUniqueViolation(Throwable failure) {
        return failure instanceof PgException pg && "23505".equals(pg.getSqlState());
    }
}
