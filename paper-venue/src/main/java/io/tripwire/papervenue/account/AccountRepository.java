package io.tripwire.papervenue.account;

import io.smallrye.mutiny.Uni;
import io.tripwire.papervenue.position.PositionMath;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;

/**
 * PostgreSQL access to {@code paper_venue.account}. Every booking locks the one account row first
 * ({@link #lockForBooking}), which serializes fills and keeps cash, positions and orders consistent.
 */
@ApplicationScoped
public class AccountRepository {

    private static final String COLUMNS = "id, account_number, currency, cash, starting_cash, created_at, updated_at, "
            + "last_equity, last_equity_day";
    private static final String FIND = "SELECT " + COLUMNS + " FROM paper_venue.account";
    private static final String LOCK = FIND + " FOR UPDATE";
    private static final String CREATE = """
            INSERT INTO paper_venue.account (id, account_number, currency, cash, starting_cash, created_at, updated_at,
                                             last_equity, last_equity_day)
            VALUES ($1, $2, 'USD', $3, $3, $4, $4, $3, $5)
            ON CONFLICT (singleton) DO NOTHING""";
    private static final String ROLL = "UPDATE paper_venue.account SET last_equity = $1, last_equity_day = $2 "
            + "WHERE last_equity_day IS NULL OR last_equity_day < $2";
    private static final String ADD_CASH = "UPDATE paper_venue.account SET cash = cash + $1, updated_at = $2";

    /** Creates the account with its starting cash unless it exists; true when created. */
    public Uni<Boolean> createIfMissing(SqlClient client, AccountRow account) {
        Tuple row = Tuple.of(account.id(), account.accountNumber(), account.startingCash(),
                account.createdAt().atOffset(ZoneOffset.UTC), account.lastEquityDay());
        return client.preparedQuery(CREATE).execute(row).map(rows -> rows.rowCount() == 1);
    }

    /** The account, or null before it was created. */
    public Uni<AccountRow> find(SqlClient client) {
        return client.preparedQuery(FIND).execute().map(rows -> rows.iterator().hasNext() ? from(rows.iterator().next()) : null);
    }

    /** Locks the account row for the rest of the transaction; fails when the account does not exist. */
    public Uni<AccountRow> lockForBooking(SqlClient tx) {
        return tx.preparedQuery(LOCK).execute().map(rows -> {
            if (!rows.iterator().hasNext()) {
                throw new IllegalStateException("paper account missing");
            }
            return from(rows.iterator().next());
        });
    }

    public Uni<Void> addCash(SqlClient tx, BigDecimal delta, Instant at) {
        return tx.preparedQuery(ADD_CASH).execute(Tuple.of(PositionMath.money(delta), at.atOffset(ZoneOffset.UTC)))
                .replaceWithVoid();
    }

    /** Sets the daily baseline for {@code day} unless a baseline for it (or a later day) is already there. */
    public Uni<Boolean> rollBaseline(SqlClient tx, BigDecimal lastEquity, LocalDate day) {
        return tx.preparedQuery(ROLL).execute(Tuple.of(PositionMath.money(lastEquity), day)).map(rows -> rows.rowCount() == 1);
    }

    private static AccountRow from(Row row) {
        return new AccountRow(row.getUUID("id"), row.getString("account_number"), row.getString("currency"),
                row.getBigDecimal("cash"), row.getBigDecimal("starting_cash"),
                row.getOffsetDateTime("created_at").toInstant(), row.getOffsetDateTime("updated_at").toInstant(),
                row.getBigDecimal("last_equity"), row.getLocalDate("last_equity_day"));
    }
}
