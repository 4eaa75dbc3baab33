package io.tripwire.gateway.status;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.tripwire.controlplane.state.ControlRead;
import io.tripwire.controlplane.state.ReconciliationState;
import io.tripwire.gateway.breaker.BreakerView;
import io.tripwire.gateway.killswitch.KillSwitchView;
import io.tripwire.gateway.order.OrderView;
import io.tripwire.controlplane.venue.VenueAccount;
import io.tripwire.controlplane.venue.VenuePosition;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * {@code GET /api/v1/status}: what an operator checks first ({@code make status}). A part that could not
 * be read is {@code null} with the reason in {@code errors}; the rest is still shown.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record StatusView(Instant generatedAt, String tradingMode, BreakerView breaker, KillSwitchView killSwitch,
                         Reconciliation reconciliation, Pnl pnl, List<Position> positions, List<OrderView> openOrders,
                         Map<String, String> errors) {

    /** {@code reconciliation:state}; {@code state} UNAVAILABLE when it cannot be read. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Reconciliation(String state, String runId, Instant startedAt, Instant finishedAt, String unavailableReason) {
        public static Reconciliation of(ControlRead<ReconciliationState> read) {
            if (read instanceof ControlRead.Present<ReconciliationState>(ReconciliationState r)) {
                return new Reconciliation(r.state().name(), r.runId(), r.startedAt(), r.finishedAt(), null);
            }
            var u = (ControlRead.Unavailable<ReconciliationState>) read;
            return new Reconciliation("UNAVAILABLE", null, null, null, u.cause() + ": " + u.detail());
        }
    }

    /** Venue account P&L: daily = equity − previous close's equity; unrealized = sum over open positions. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Pnl(BigDecimal equity, BigDecimal lastEquity, BigDecimal dailyPnl, BigDecimal unrealizedPnl, BigDecimal cash) {
        public static Pnl of(VenueAccount account, List<VenuePosition> positions) {
            BigDecimal unrealized = positions == null ? null : positions.stream().map(VenuePosition::unrealizedPnl)
                    .filter(java.util.Objects::nonNull).reduce(BigDecimal.ZERO, BigDecimal::add);
            return new Pnl(account.equity(), account.lastEquity(), account.dailyPnl(), unrealized, account.cash());
        }
    }

    /** A venue position: signed quantity (negative = short). */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Position(String symbol, BigDecimal qty, BigDecimal avgEntryPrice, BigDecimal currentPrice,
                           BigDecimal unrealizedPnl) {
        public static Position of(VenuePosition p) {
            return new Position(p.symbol(), strip(p.quantity()), p.avgEntryPrice(), p.currentPrice(), p.unrealizedPnl());
        }

        private static BigDecimal strip(BigDecimal value) {
            return value == null ? null : value.stripTrailingZeros();
        }
    }
}
