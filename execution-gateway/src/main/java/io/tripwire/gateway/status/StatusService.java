package io.tripwire.gateway.status;

import io.smallrye.mutiny.Uni;
import io.tripwire.controlplane.control.ControlStateReader;
import io.tripwire.controlplane.reject.RejectCode;
import io.tripwire.controlplane.reject.RejectException;
import io.tripwire.gateway.GatewayConfig;
import io.tripwire.gateway.breaker.BreakerMetrics;
import io.tripwire.gateway.breaker.BreakerView;
import io.tripwire.gateway.killswitch.KillSwitchView;
import io.tripwire.gateway.killswitch.KillSwitchWorker;
import io.tripwire.controlplane.order.OrderRepository;
import io.tripwire.gateway.order.OrderView;
import io.tripwire.controlplane.venue.Venue;
import io.tripwire.controlplane.venue.VenueAccount;
import io.tripwire.controlplane.venue.VenuePosition;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Gathers the status: control state from Redis, positions and P&L from the venue, open orders from PostgreSQL, in parallel. */
@ApplicationScoped
public class StatusService {

    private static final int OPEN_ORDERS_SHOWN = 500;

    private final ControlStateReader reader;
    private final KillSwitchWorker killSwitch;
    private final BreakerMetrics breakerMetrics;
    private final Venue venue;
    private final OrderRepository orders;
    private final GatewayConfig config;
    private final Clock clock;

    public StatusService(ControlStateReader reader, KillSwitchWorker killSwitch, BreakerMetrics breakerMetrics, Venue venue,
                         OrderRepository orders, GatewayConfig config, Clock clock) {
        this.reader = reader;
        this.killSwitch = killSwitch;
        this.breakerMetrics = breakerMetrics;
        this.venue = venue;
        this.orders = orders;
        this.config = config;
        this.clock = clock;
    }

    /** The venue's positions; 503 VENUE_UNAVAILABLE when the venue cannot be read. */
    public Uni<List<StatusView.Position>> positions() {
        return venue.positions().map(list -> list.stream().map(StatusView.Position::of).toList())
                .onFailure().transform(e -> new RejectException(RejectCode.VENUE_UNAVAILABLE,
                        "venue positions not readable: " + e.getMessage()));
    }

    public Uni<StatusView> status() {
        Map<String, String> errors = new TreeMap<>();
        Uni<List<VenuePosition>> positions = venue.positions().onFailure().recoverWithItem(e -> failed(errors, "positions", e));
        Uni<VenueAccount> account = venue.account().onFailure().recoverWithItem(e -> failed(errors, "pnl", e));
        Uni<List<OrderView>> open = orders.open(OPEN_ORDERS_SHOWN)
                .map(list -> list.stream().map(OrderView::of).toList())
                .onFailure().recoverWithItem(e -> failed(errors, "open_orders", e));
        return Uni.combine().all().unis(reader.breaker(), reader.killSwitch(), reader.reconciliation(), positions, account, open)
                .with((breaker, kill, recon, pos, acct, opened) -> new StatusView(clock.instant(), config.tradingMode(),
                        BreakerView.of(breaker, clock.instant(), breakerMetrics), KillSwitchView.of(kill, killSwitch),
                        StatusView.Reconciliation.of(recon), acct == null ? null : StatusView.Pnl.of(acct, pos),
                        pos == null ? null : pos.stream().map(StatusView.Position::of).toList(), opened,
                        Map.copyOf(errors)));
    }

    private static <T> T failed(Map<String, String> errors, String part, Throwable e) {
        synchronized (errors) {
            errors.put(part, String.valueOf(e.getMessage()));
        }
        return null;
    }
}
