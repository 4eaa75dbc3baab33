package io.tripwire.papervenue.account;

import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.tripwire.papervenue.market.MarketSimulator;
import io.tripwire.papervenue.position.Position;
import io.tripwire.papervenue.position.PositionMath;
import io.tripwire.papervenue.position.PositionRepository;
import io.vertx.mutiny.sqlclient.SqlClient;
import jakarta.enterprise.context.ApplicationScoped;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;

/**
 * The daily P&L baseline, Alpaca's {@code last_equity}: the equity at the previous session's (UTC day's)
 * close. Nothing but a booking changes cash or positions, and every booking rolls the baseline first under
 * the account lock: so until the first booking of a day, the cash and positions held are those of the
 * close, and valued at the day's opening price (= the close) they give that equity exactly, however late
 * the roll happens. Persisted, so a restart keeps it; a read of a day not rolled yet computes the same value.
 */
@ApplicationScoped
public class DayBaseline {

    private final PositionRepository positions;
    private final AccountRepository accounts;
    private final MarketSimulator market;
    private final Clock clock;

    public DayBaseline(PositionRepository positions, AccountRepository accounts, MarketSimulator market, Clock clock) {
        this.positions = positions;
        this.accounts = accounts;
        this.market = market;
        this.clock = clock;
    }

    public LocalDate today() {
        return LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
    }

    /** Locks the account row for a booking (AccountRepository#lockForBooking) and rolls the baseline first. */
    public Uni<AccountRow> lockForBooking(SqlClient tx) {
        return accounts.lockForBooking(tx).call(locked -> rollIfNewDay(tx, locked));
    }

    /** Inside a booking transaction, after the account row is locked and before anything is booked. */
    public Uni<Void> rollIfNewDay(SqlClient tx, AccountRow locked) {
        LocalDate today = today();
        if (today.equals(locked.lastEquityDay())) {
            return Uni.createFrom().voidItem();
        }
        return positions.open(tx).chain(open -> {
            BigDecimal baseline = atOpen(locked, open, today);
            return accounts.rollBaseline(tx, baseline, today).invoke(rolled -> {
                if (rolled) {
                    Log.infof("Paper account day %s: last_equity %s (previous close)", today, baseline.toPlainString());
                }
            });
        }).replaceWithVoid();
    }

    /** The baseline a read shows: the persisted one for today, else what the roll will write. */
    public BigDecimal lastEquity(AccountRow account, List<Position> open) {
        LocalDate today = today();
        return today.equals(account.lastEquityDay()) && account.lastEquity() != null
                ? account.lastEquity() : atOpen(account, open, today);
    }

    private BigDecimal atOpen(AccountRow account, List<Position> open, LocalDate day) {
        BigDecimal value = open.stream()
                .map(p -> p.marketValue(market.openOf(p.symbol(), day).orElse(p.avgEntryPrice())))
                .reduce(BigDecimal.ZERO, BigDecimal::add);
        return PositionMath.money(account.cash().add(value));
    }
}
