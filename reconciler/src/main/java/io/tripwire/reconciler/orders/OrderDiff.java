package io.tripwire.reconciler.orders;

import io.tripwire.controlplane.order.Order;
import io.tripwire.controlplane.order.OrderStatus;
import io.tripwire.controlplane.venue.VenueOrder;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Pure order reconciliation (NautilusTrader's rules): the venue report is authoritative but can only
 * move an order forward (rank up, filled quantity never down); an order the listings do not show gets
 * one targeted lookup before anything is concluded; a missing order is concluded only after the grace
 * period; venue orders PostgreSQL does not know are orphans. NEW orders were never sent: the gateway's
 * submitter owns them.
 */
public final class OrderDiff {

    private OrderDiff() {
    }

    /** The actions, plus client order ids the venue reported more than once. */
    public record Result(List<OrderAction> actions, List<String> duplicateClientIds) {

        public <T extends OrderAction> List<T> of(Class<T> type) {
            return actions.stream().filter(type::isInstance).map(type::cast).toList();
        }
    }

    /**
     * @param open    every non-terminal order in PostgreSQL
     * @param known   PostgreSQL orders (any status) whose client order ids appear in {@code reports}
     * @param reports the venue's open orders and orders since the high-water mark, in any order
     */
    public static Result diff(List<Order> open, List<Order> known, Collection<VenueOrder> reports, Instant now,
                              Duration grace) {
        Map<String, Order> byClientId = new HashMap<>();
        known.forEach(o -> byClientId.put(o.clientOrderId(), o));
        open.forEach(o -> byClientId.put(o.clientOrderId(), o));
        Map<String, VenueOrder> merged = new LinkedHashMap<>();
        Set<String> venueIds = new HashSet<>();
        List<String> duplicates = new ArrayList<>();
        for (VenueOrder r : reports) {
            VenueOrder previous = merged.get(r.clientOrderId());
            if (previous != null && !previous.venueOrderId().equals(r.venueOrderId()) && venueIds.add(r.venueOrderId())) {
                duplicates.add(r.clientOrderId());
            }
            venueIds.add(r.venueOrderId());
            if (previous == null || ahead(r, previous)) {
                merged.put(r.clientOrderId(), r);
            }
        }
        List<OrderAction> actions = new ArrayList<>();
        for (VenueOrder report : merged.values()) {
            Order order = byClientId.get(report.clientOrderId());
            actions.add(order == null ? new OrderAction.Orphan(report) : compare(order, report, now, grace));
        }
        for (Order order : open) {
            if (!merged.containsKey(order.clientOrderId()) && order.status() != OrderStatus.NEW) {
                actions.add(new OrderAction.Lookup(order));
            }
        }
        return new Result(actions, duplicates);
    }

    /** The outcome of a targeted lookup: {@code found} is {@code null} when the venue does not know the order. */
    public static OrderAction resolve(Order order, VenueOrder found, Instant now, Duration grace) {
        if (found != null) {
            return compare(order, found, now, grace);
        }
        if (order.updatedAt() != null && order.updatedAt().plus(grace).isAfter(now)) {
            return new OrderAction.Pending(order);
        }
        return switch (order.status()) {
            case SUBMITTED, UNKNOWN -> new OrderAction.Resolve(order, OrderStatus.REJECTED,
                    "not found at the venue " + grace.toSeconds() + " s after " + order.status());
            case ACCEPTED -> new OrderAction.Resolve(order, OrderStatus.REJECTED, "accepted order no longer known to the venue");
            case PARTIALLY_FILLED -> new OrderAction.Resolve(order, OrderStatus.CANCELED,
                    "partially filled order no longer known to the venue; remainder treated as canceled");
            default -> new OrderAction.InSync(order);
        };
    }

    static OrderAction compare(Order order, VenueOrder report, Instant now, Duration grace) {
        int pgRank = order.status().rank();
        int venueRank = report.status().rank();
        int filled = report.filledQty().compareTo(order.filledQty());
        boolean forward = pgRank < venueRank || (pgRank == venueRank && pgRank < 10 && filled > 0);
        if (forward && !order.status().terminal()) {
            boolean stale = order.updatedAt() == null || order.updatedAt().plus(grace).isBefore(now);
            return new OrderAction.Advance(order, report, stale);
        }
        if (filled < 0) {
            return new OrderAction.Conflict(order, report, "PostgreSQL has " + order.filledQty().toPlainString()
                    + " filled, the venue " + report.filledQty().toPlainString());
        }
        if (order.status().terminal() && (report.status() != order.status() || filled != 0)) {
            return new OrderAction.Conflict(order, report, "PostgreSQL says " + order.status() + ", the venue "
                    + report.status() + " with " + report.filledQty().toPlainString() + " filled");
        }
        return new OrderAction.InSync(order);
    }

    private static boolean ahead(VenueOrder a, VenueOrder b) {
        int rank = Integer.compare(a.status().rank(), b.status().rank());
        return rank > 0 || (rank == 0 && a.filledQty().compareTo(b.filledQty()) > 0);
    }
}
