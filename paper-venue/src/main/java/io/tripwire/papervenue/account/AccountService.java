package io.tripwire.papervenue.account;

import io.quarkus.logging.Log;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.tripwire.papervenue.PaperVenueConfig;
import io.tripwire.papervenue.alpaca.Decimals;
import io.tripwire.papervenue.market.MarketSimulator;
import io.tripwire.papervenue.market.Quote;
import io.tripwire.papervenue.order.OrderRepository;
import io.tripwire.papervenue.position.Position;
import io.tripwire.papervenue.position.PositionMath;
import io.tripwire.papervenue.position.PositionRepository;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;

/** The paper account: created once with its starting cash, valued at the simulated market on every read. */
@ApplicationScoped
public class AccountService {

    private final Pool pool;
    private final AccountRepository accounts;
    private final PositionRepository positions;
    private final OrderRepository orders;
    private final MarketSimulator market;
    private final DayBaseline baseline;
    private final PaperVenueConfig config;
    private final Clock clock;

    public AccountService(Pool pool, AccountRepository accounts, PositionRepository positions,
                          OrderRepository orders, MarketSimulator market, DayBaseline baseline,
                          PaperVenueConfig config, Clock clock) {
        this.pool = pool;
        this.accounts = accounts;
        this.positions = positions;
        this.orders = orders;
        this.market = market;
        this.baseline = baseline;
        this.config = config;
        this.clock = clock;
    }

    void onStart(@Observes StartupEvent event) {
        // Startup only: orders cannot be booked before the account row exists.
        ensureAccount().await().atMost(Duration.ofSeconds(30));
    }

    /** Creates the account with {@code paper-venue.account.starting-cash} unless it already exists. */
    public Uni<Void> ensureAccount() {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        AccountRow fresh = new AccountRow(UUID.randomUUID(), config.account().accountNumber(), "USD",
                config.account().startingCash(), config.account().startingCash(), now, now,
                config.account().startingCash(), baseline.today());
        return accounts.createIfMissing(pool, fresh).invoke(created -> {
            if (created) {
                Log.infof("Paper account created with %s USD", fresh.startingCash().toPlainString());
            }
        }).replaceWithVoid();
    }

    public Uni<AccountView> view() {
        return accounts.find(pool).chain(account -> orders.openBuyReserve(pool)
                .chain(reserve -> positions.open(pool).map(open -> view(account, reserve, open))));
    }

    private AccountView view(AccountRow account, BigDecimal reserve, List<Position> open) {
        BigDecimal longValue = sum(open.stream().filter(p -> p.qty().signum() > 0).toList(), this::lastPrice);
        BigDecimal shortValue = sum(open.stream().filter(p -> p.qty().signum() < 0).toList(), this::lastPrice);
        BigDecimal lastEquity = baseline.lastEquity(account, open); // the previous close's equity (DayBaseline)
        BigDecimal equity = PositionMath.money(account.cash().add(longValue).add(shortValue));
        String power = Decimals.wire(BuyingPower.of(account.cash(), reserve, shortValue));
        String zero = "0";
        return new AccountView(account.id(), account.accountNumber(), "ACTIVE", "ACTIVE", account.currency(),
                Decimals.wire(account.cash()), Decimals.wire(equity), Decimals.wire(equity),
                Decimals.wire(lastEquity), Decimals.wire(longValue), Decimals.wire(shortValue),
                power, power, power, power, "1", zero, zero, zero, zero, 0, zero, zero, zero, false, false, false, false,
                false, true, account.createdAt());
    }

    private BigDecimal lastPrice(Position position) {
        return market.quote(position.symbol()).map(Quote::last).orElse(position.avgEntryPrice());
    }

    private static BigDecimal sum(List<Position> positions, Function<Position, BigDecimal> price) {
        return positions.stream().map(p -> p.marketValue(price.apply(p))).reduce(PositionMath.money(BigDecimal.ZERO),
                BigDecimal::add);
    }
}
