package io.tripwire.reconciler.orders;

import io.quarkus.logging.Log;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.tripwire.controlplane.order.Order;
import io.tripwire.controlplane.order.OrderRepository;
import io.tripwire.controlplane.order.OrderStatus;
import io.tripwire.controlplane.venue.VenueOrder;
import io.tripwire.reconciler.config.ReconcilerConfig;
import io.tripwire.reconciler.lease.Fence;
import io.tripwire.reconciler.orphans.OrphanService;
import io.tripwire.reconciler.run.RunLog;
import io.tripwire.reconciler.venue.VenueReader;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Orders step of a run: lists the venue's open orders and every order submitted since the high-water
 * mark (minus the overlap, and never after the oldest open order), diffs them against PostgreSQL
 * ({@link OrderDiff}) and applies the result: forward-only advances, targeted lookups, orphans.
 */
@ApplicationScoped
public class OrderReconciler {

    static final int OPEN_LIMIT = 100_000;
    static final String ACTOR = "reconciliation";

    private final OrderRepository orders;
    private final VenueReader venue;
    private final OrphanService orphans;
    private final ReconcilerConfig config;
    private final Clock clock;

    public OrderReconciler(OrderRepository orders, VenueReader venue, OrphanService orphans, ReconcilerConfig config,
                           Clock clock) {
        this.orders = orders;
        this.venue = venue;
        this.orphans = orphans;
        this.config = config;
        this.clock = clock;
    }

    /**
     * Reconciles every order; completes with the start of the venue window it covered. The window starts
     * at the high-water mark minus the overlap; when more open PostgreSQL orders are missing from the
     * listings than one run may look up, it is widened back to the oldest of them instead.
     */
    public Uni<Instant> reconcile(Fence fence, RunLog log, Instant highWaterMark) {
        Instant now = clock.instant();
        return orders.open(OPEN_LIMIT).chain(open -> {
            if (open.size() >= OPEN_LIMIT) {
                return Uni.createFrom().failure(new IllegalStateException("more than " + OPEN_LIMIT + " open orders"));
            }
            Instant start = (highWaterMark != null ? highWaterMark : now.minus(config.initialLookback())).minus(config.overlap());
            return Uni.combine().all().unis(venue.openOrders(), venue.ordersSince(start)).asTuple()
                    .chain(lists -> {
                        List<VenueOrder> reports = new ArrayList<>(lists.getItem1());
                        reports.addAll(lists.getItem2());
                        return widen(open, reports, start, log);
                    })
                    .chain(listed -> {
                        List<VenueOrder> reports = listed.reports();
                        log.count("venue_orders_listed", reports.size());
                        log.count("open_orders_in_postgres", open.size());
                        Set<String> openIds = new HashSet<>();
                        open.forEach(o -> openIds.add(o.clientOrderId()));
                        List<String> others = reports.stream().map(VenueOrder::clientOrderId)
                                .filter(id -> !openIds.contains(id)).distinct().toList();
                        return orders.byClientOrderIds(others)
                                .map(known -> OrderDiff.diff(open, known, reports, now, config.gracePeriod()))
                                .chain(result -> apply(fence, log, result, now))
                                .replaceWith(listed.start());
                    });
        });
    }

    private record Listed(List<VenueOrder> reports, Instant start) {
    }

    private Uni<Listed> widen(List<Order> open, List<VenueOrder> reports, Instant start, RunLog log) {
        Set<String> seen = new HashSet<>();
        reports.forEach(r -> seen.add(r.clientOrderId()));
        List<Order> unmatched = open.stream()
                .filter(o -> o.status() != OrderStatus.NEW && !seen.contains(o.clientOrderId())).toList();
        if (unmatched.size() <= config.maxLookups()) {
            return Uni.createFrom().item(new Listed(reports, start));
        }
        Instant oldest = unmatched.stream().map(Order::createdAt).min(Comparator.naturalOrder()).orElseThrow()
                .minus(config.overlap());
        log.count("venue_window_widened");
        return venue.ordersSince(oldest).map(more -> {
            List<VenueOrder> all = new ArrayList<>(reports);
            all.addAll(more);
            return new Listed(all, oldest.isBefore(start) ? oldest : start);
        });
    }

    private Uni<Void> apply(Fence fence, RunLog log, OrderDiff.Result result, Instant now) {
        result.duplicateClientIds().forEach(id -> log.mismatch("order_conflict", "duplicate_client_order_id_at_venue",
                Map.of("client_order_id", id)));
        List<OrderAction.Lookup> lookups = result.of(OrderAction.Lookup.class);
        List<OrderAction.Lookup> now1 = lookups.subList(0, Math.min(lookups.size(), config.maxLookups()));
        log.count("order_lookup_deferred", lookups.size() - now1.size());
        List<OrderAction> direct = result.actions().stream().filter(a -> !(a instanceof OrderAction.Lookup)).toList();
        return fence.check()
                .chain(() -> applyAll(log, direct, now))
                .chain(() -> orphans.record(fence, log, result.of(OrderAction.Orphan.class)))
                .chain(() -> Multi.createFrom().iterable(now1)
                        .onItem().transformToUni(l -> venue.lookup(l.order().clientOrderId())
                                .invoke(() -> log.count("order_lookups"))
                                .map(found -> OrderDiff.resolve(l.order(), found, now, config.gracePeriod())))
                        .merge(4)
                        .collect().asList())
                .chain(resolved -> applyAll(log, resolved, now));
    }

    private Uni<Void> applyAll(RunLog log, List<OrderAction> actions, Instant now) {
        return Multi.createFrom().iterable(actions)
                .onItem().transformToUni(a -> applyOne(log, a, now))
                .merge(8)
                .collect().last().replaceWithVoid();
    }

    private Uni<Void> applyOne(RunLog log, OrderAction action, Instant now) {
        return switch (action) {
            case OrderAction.Advance a -> advance(log, a, now);
            case OrderAction.Resolve r -> resolve(log, r, now);
            case OrderAction.Conflict c -> {
                log.mismatch("order_conflict", "order_conflict", Map.of("client_order_id", c.order().clientOrderId(),
                        "symbol", c.order().symbol(), "why", c.why()));
                yield Uni.createFrom().voidItem();
            }
            case OrderAction.Pending p -> {
                log.count("order_not_found_within_grace");
                yield Uni.createFrom().voidItem();
            }
            case OrderAction.InSync s -> {
                log.count("order_in_sync");
                yield Uni.createFrom().voidItem();
            }
            default -> Uni.createFrom().voidItem();
        };
    }

    private Uni<Void> advance(RunLog log, OrderAction.Advance a, Instant now) {
        Order o = a.order();
        VenueOrder r = a.report();
        return orders.advance(o.id(), r.status(), r.filledQty(), r.avgFillPrice(), r.venueOrderId(), null, null, ACTOR,
                        Map.of("provenance", ACTOR, "run_id", log.runId(), "previous_status", o.status().name()), now)
                .invoke(done -> {
                    if (done == null) {
                        log.count("order_already_advanced");
                        return;
                    }
                    Map<String, Object> detail = Map.of("client_order_id", o.clientOrderId(), "symbol", o.symbol(),
                            "from", o.status().name(), "to", r.status().name(), "filled_qty", r.filledQty().toPlainString());
                    if (a.stale() || o.status() == OrderStatus.UNKNOWN) {
                        log.mismatch("order_status", "order_advanced", detail);
                    } else {
                        log.count("order_advanced");
                    }
                })
                .replaceWithVoid();
    }

    private Uni<Void> resolve(RunLog log, OrderAction.Resolve r, Instant now) {
        Order o = r.order();
        String code = "NOT_FOUND_AT_VENUE";
        return orders.advance(o.id(), r.status(), o.filledQty(), null, null, code, r.why(), ACTOR,
                        Map.of("provenance", ACTOR, "run_id", log.runId(), "reason", r.why()), now)
                .invoke(done -> {
                    if (done == null) {
                        log.count("order_already_advanced");
                        return;
                    }
                    Log.infof("order %s %s -> %s by reconciliation: %s", o.clientOrderId(), o.status(), r.status(), r.why());
                    log.mismatch("order_not_found", "order_not_found_" + r.status().name().toLowerCase(),
                            Map.of("client_order_id", o.clientOrderId(), "symbol", o.symbol(), "from", o.status().name(),
                                    "to", r.status().name(), "why", r.why()));
                })
                .replaceWithVoid();
    }
}
