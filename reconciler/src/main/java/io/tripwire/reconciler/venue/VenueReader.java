package io.tripwire.reconciler.venue;

import io.smallrye.mutiny.Uni;
import io.tripwire.controlplane.config.ControlPlaneConfig;
import io.tripwire.controlplane.venue.Venue;
import io.tripwire.controlplane.venue.VenueOrder;
import io.tripwire.controlplane.venue.VenuePosition;
import io.tripwire.reconciler.config.ReconcilerConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.WebApplicationException;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeoutException;
import org.eclipse.microprofile.rest.client.inject.RestClient;

/**
 * Everything the reconciler reads from the venue, each answer complete or a failure: order listings are
 * paged to the end (cursor = submission time, one microsecond of overlap, de-duplicated by venue id),
 * never cut short silently. Any failure is a {@link VenueUnavailableException}: the run fails, nothing
 * is concluded from a partial view.
 */
@ApplicationScoped
public class VenueReader {

    private final Venue venue;
    private final VenueListingApi api;
    private final Duration timeout;
    private final int pageSize;
    private final int maxOrders;

    public VenueReader(Venue venue, @RestClient VenueListingApi api, ControlPlaneConfig shared, ReconcilerConfig config) {
        this.venue = venue;
        this.api = api;
        this.timeout = shared.venue().requestTimeout();
        this.pageSize = Math.min(500, Math.max(1, config.pageSize()));
        this.maxOrders = config.maxVenueOrders();
    }

    /** Every order submitted after {@code after} (any status). */
    public Uni<List<VenueOrder>> ordersSince(Instant after) {
        return pages("all", after, new LinkedHashMap<>());
    }

    /** Every working order, however old. */
    public Uni<List<VenueOrder>> openOrders() {
        return pages("open", null, new LinkedHashMap<>());
    }

    /** The venue's view of one order, or a {@code null} item when the venue does not know the client order id. */
    public Uni<VenueOrder> lookup(String clientOrderId) {
        return guard(venue.byClientOrderId(clientOrderId), "lookup " + clientOrderId);
    }

    /** Every position the venue reports. */
    public Uni<List<VenuePosition>> positions() {
        return guard(venue.positions(), "positions").map(list -> {
            for (VenuePosition p : list) {
                if (p.symbol() == null || p.quantity() == null) {
                    throw new VenueUnavailableException("venue position report without symbol or quantity", null);
                }
            }
            return list;
        });
    }

    /** Targeted position lookup: the quantity, zero on an explicit 404 ("no position"), a failure otherwise. */
    public Uni<BigDecimal> position(String symbol) {
        return guard(api.position(symbol).map(p -> {
            if (p == null || p.signedQty() == null) {
                throw new VenueUnavailableException("venue position report for " + symbol + " without quantity", null);
            }
            return p.signedQty();
        }).onFailure(e -> e instanceof WebApplicationException w && w.getResponse().getStatus() == 404)
                .recoverWithItem(BigDecimal.ZERO), "position " + symbol);
    }

    private Uni<List<VenueOrder>> pages(String status, Instant after, Map<String, VenueOrder> seen) {
        String cursor = after == null ? null : after.toString();
        return guard(api.orders(status, cursor, pageSize, "asc"), "orders " + status).chain(page -> {
            Instant last = null;
            int added = 0;
            for (ListedOrder o : page) {
                if (seen.putIfAbsent(o.id(), o.toVenueOrder()) == null) {
                    added++;
                }
                last = o.cursor();
            }
            if (seen.size() > maxOrders) {
                throw new VenueUnavailableException("venue listing exceeds reconciler.max-venue-orders ("
                        + maxOrders + "): not reconciling half of it", null);
            }
            if (page.size() < pageSize) {
                return Uni.createFrom().item(List.copyOf(seen.values()));
            }
            if (added == 0 || last == null) {
                throw new VenueUnavailableException("venue listing does not advance past " + last
                        + " (a full page with one submission time)", null);
            }
            return pages(status, last.minus(1, ChronoUnit.MICROS), seen);
        });
    }

    private <T> Uni<T> guard(Uni<T> call, String what) {
        return call.ifNoItem().after(timeout).failWith(() -> new TimeoutException("no answer in " + timeout))
                .onFailure(e -> !(e instanceof VenueUnavailableException))
                .transform(e -> new VenueUnavailableException("venue " + what + " failed: " + e.getMessage(), e));
    }
}
