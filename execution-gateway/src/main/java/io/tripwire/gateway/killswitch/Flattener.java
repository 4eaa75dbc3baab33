package io.tripwire.gateway.killswitch;

import io.quarkus.logging.Log;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.tripwire.controlplane.reject.RejectException;
import io.tripwire.controlplane.state.KillSwitchState;
import io.tripwire.gateway.GatewayConfig;
import io.tripwire.controlplane.order.OrderRepository;
import io.tripwire.gateway.order.OrderRequest;
import io.tripwire.gateway.order.OrderService;
import io.tripwire.controlplane.order.OrderType;
import io.tripwire.controlplane.order.TimeInForce;
import io.tripwire.gateway.risk.ReferencePrice;
import io.tripwire.gateway.risk.ReferencePrices;
import io.tripwire.controlplane.venue.Venue;
import io.tripwire.gateway.venue.VenueErrorTracker;
import io.tripwire.controlplane.venue.VenueException;
import io.tripwire.controlplane.venue.VenuePosition;
import io.tripwire.gateway.venue.VenueSubmitter;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One flatten round of an active CLOSE_POSITIONS kill switch: resolve stuck flatten orders, read the
 * gateway's working orders, then the venue's positions (in that order, so a fill seen in one is in the
 * other), plan with {@link FlattenPlanner} and place the orders through {@link OrderService} as
 * kill-switch flatten orders (reduce-only, allowed through a TRIPPED breaker). Rounds are serialized
 * across gateway replicas by a PostgreSQL advisory lock; the admission script's reduce-only check is the
 * last guard against overshooting.
 */
@ApplicationScoped
public class Flattener {

    private static final long ROUND_LOCK = 734629101L;
    private static final int OPEN_LIMIT = 10_000;

    private final Pool pool;
    private final Venue venue;
    private final VenueErrorTracker venueErrors;
    private final OrderRepository orders;
    private final OrderService orderService;
    private final ReferencePrices prices;
    private final FlattenRounds rounds;
    private final StuckOrders stuck;
    private final KillSwitchEventRepository events;
    private final java.math.BigDecimal protectionBandBps;
    private final io.tripwire.gateway.riskconfig.LiveLimits limits;
    private final Clock clock;
    /** Per symbol, the reject code last recorded, so a refusal repeated every second is recorded once. */
    private final Map<String, String> lastRefusal = new ConcurrentHashMap<>();

    public Flattener(Pool pool, Venue venue, VenueErrorTracker venueErrors, OrderRepository orders,
                     OrderService orderService, ReferencePrices prices, FlattenRounds rounds,
                     StuckOrders stuck, KillSwitchEventRepository events, KillSwitchConfig config,
                     GatewayConfig gateway, Clock clock, io.tripwire.gateway.riskconfig.LiveLimits limits) {
        this.limits = limits;
        this.pool = pool;
        this.venue = venue;
        this.venueErrors = venueErrors;
        this.orders = orders;
        this.orderService = orderService;
        this.prices = prices;
        this.rounds = rounds;
        this.stuck = stuck;
        this.events = events;
        this.protectionBandBps = config.protectionBandBps();
        this.clock = clock;
    }

    /** Runs one round; the item is true when the venue reports no position at all. */
    public Uni<Boolean> round(KillSwitchState killSwitch) {
        return pool.withTransaction(tx -> tx.query("SELECT pg_try_advisory_xact_lock(" + ROUND_LOCK + ")").execute()
                .chain(rows -> rows.iterator().next().getBoolean(0)
                        ? roundLocked(killSwitch)
                        : Uni.createFrom().item(false)));
    }

    private Uni<Boolean> roundLocked(KillSwitchState killSwitch) {
        return orders.open(OPEN_LIMIT).chain(stuck::resolve)
                .chain(() -> orders.open(OPEN_LIMIT))
                .chain(open -> positions().chain(positions -> rounds.used(killSwitch.version())
                        .chain(used -> pricesOf(positions)
                                .map(refs -> planner().plan(killSwitch.version(), positions, open, used, refs)))))
                .call(plan -> {
                    if (!plan.waiting().isEmpty()) {
                        Log.debugf("flatten round: waiting on %s", plan.waiting());
                    }
                    return Multi.createFrom().iterable(plan.orders())
                            .onItem().transformToUniAndConcatenate(order -> place(killSwitch, order))
                            .collect().last();
                })
                .map(FlattenPlanner.Plan::flat);
    }

    private Uni<List<VenuePosition>> positions() {
        return venue.positions()
                .invoke(ignored -> venueErrors.success())
                .onFailure(VenueException.class).invoke(e -> venueErrors.failure());
    }

    private Uni<Map<String, ReferencePrice>> pricesOf(List<VenuePosition> positions) {
        List<String> symbols = positions.stream().filter(p -> p.quantity().signum() != 0)
                .map(p -> p.symbol().toUpperCase(Locale.ROOT)).distinct().toList();
        Map<String, ReferencePrice> found = new HashMap<>();
        return Multi.createFrom().iterable(symbols)
                .onItem().transformToUniAndConcatenate(symbol -> prices.get(symbol).invoke(price -> {
                    if (price != null && !price.isStale(clock.instant(), limits.risk().maxPriceAge())) {
                        found.put(symbol, price);
                    }
                }))
                .collect().last().map(ignored -> found);
    }

    private Uni<Void> place(KillSwitchState killSwitch, FlattenPlanner.Planned planned) {
        var request = new OrderRequest(planned.symbol(), planned.side(), planned.quantity(), null, OrderType.LIMIT,
                planned.limitPrice(), TimeInForce.IOC, planned.clientOrderId(), null, null, null, true);
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("symbol", planned.symbol());
        details.put("side", planned.side().name());
        details.put("qty", planned.quantity().toPlainString());
        details.put("limit_price", planned.limitPrice().toPlainString());
        details.put("client_order_id", planned.clientOrderId());
        details.put("kill_switch_version", killSwitch.version());
        return orderService.place(request, null, VenueSubmitter.FLATTEN_PROVENANCE)
                .map(placed -> {
                    details.put("outcome", placed.duplicate() ? "DUPLICATE" : "ADMITTED");
                    details.put("order_id", placed.order().id().toString());
                    return details;
                })
                .onFailure(RejectException.class).recoverWithItem(e -> {
                    details.put("outcome", "REJECTED");
                    details.put("reject_code", ((RejectException) e).code().name());
                    details.put("reject_message", e.getMessage());
                    return details;
                })
                .chain(d -> {
                    String refusal = (String) d.get("reject_code");
                    String previous = refusal == null ? lastRefusal.remove(planned.symbol())
                            : lastRefusal.put(planned.symbol(), refusal);
                    if (refusal != null && refusal.equals(previous)) {
                        return Uni.createFrom().voidItem(); // the same refusal as a second ago: already recorded
                    }
                    Log.infof("flatten order %s: %s %s", planned.clientOrderId(), d.get("outcome"), refusal == null ? "" : refusal);
                    return events.record(KillSwitchEventRepository.Kind.FLATTEN_ORDER, killSwitch.mode(),
                            killSwitch.reason(), "kill-switch", KillSwitchWorker.ACTOR, d);
                });
    }

    /** Flatten orders are sized by the fat-finger limits in force now (the risk config), so admission takes them. */
    private FlattenPlanner planner() {
        var risk = limits.risk();
        return new FlattenPlanner(new FlattenPlanner.Limits(protectionBandBps, risk.maxOrderQuantity(), risk.maxOrderNotional()));
    }
}
