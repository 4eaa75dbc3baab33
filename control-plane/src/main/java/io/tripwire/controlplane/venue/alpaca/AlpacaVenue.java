package io.tripwire.controlplane.venue.alpaca;

import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.tripwire.controlplane.config.ControlPlaneConfig;
import io.tripwire.controlplane.order.OrderStatus;
import io.tripwire.controlplane.venue.Venue;
import io.tripwire.controlplane.venue.VenueAccount;
import io.tripwire.controlplane.venue.VenueException;
import io.tripwire.controlplane.venue.VenueOrder;
import io.tripwire.controlplane.venue.VenueOrderRequest;
import io.tripwire.controlplane.venue.VenuePosition;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.WebApplicationException;
import java.math.BigDecimal;
import java.net.ConnectException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeoutException;
import org.eclipse.microprofile.rest.client.inject.RestClient;

/**
 * The Alpaca wire protocol, pointed by default at the local paper venue ({@code tripwire.venue.base-url});
 * a real Alpaca paper or live account works with its base URL and keys. Every failure is classified
 * into what it means for the order ({@link VenueException.Kind}).
 */
@ApplicationScoped
public class AlpacaVenue implements Venue {

    /** Pages of one listing at most (at 500 per page, 10,000 orders). */
    static final int MAX_PAGES = 20;

    private final AlpacaApi api;
    private final Duration submitTimeout;
    private final String name;

    public AlpacaVenue(@RestClient AlpacaApi api, ControlPlaneConfig config) {
        this.api = api;
        this.submitTimeout = config.venue().requestTimeout();
        this.name = config.venue().baseUrl().getHost().equals("127.0.0.1") ? "paper" : "alpaca";
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Uni<VenueOrder> submit(VenueOrderRequest r) {
        var body = new AlpacaOrderRequest(r.symbol(), r.quantity().stripTrailingZeros().toPlainString(), r.buy() ? "buy" : "sell",
                r.limit() ? "limit" : "market", r.timeInForce().toLowerCase(Locale.ROOT),
                r.limitPrice() == null ? null : r.limitPrice().stripTrailingZeros().toPlainString(), r.clientOrderId());
        return guard(api.submit(body)).map(AlpacaVenue::toVenueOrder);
    }

    @Override
    public Uni<VenueOrder> byClientOrderId(String clientOrderId) {
        return guard(api.byClientOrderId(clientOrderId)).map(AlpacaVenue::toVenueOrder)
                .onFailure(e -> e instanceof VenueException v && v.status() == 404).recoverWithNull();
    }

    @Override
    public Uni<List<VenueOrder>> ordersSince(Instant after, int pageSize) {
        return pages("all", after, pageSize, new LinkedHashMap<>(), 1);
    }

    @Override
    public Uni<List<VenueOrder>> openOrders() {
        return pages("open", null, 500, new LinkedHashMap<>(), 1);
    }

    /**
     * Follows the listing page by page: Alpaca pages by submission time ({@code after}, ascending), so the
     * next page starts one microsecond before the last order seen, de-duplicated by venue id. Stops at a
     * short page, at a full page that does not advance, or after {@link #MAX_PAGES} pages: a best-effort
     * view for following orders (the reconciler's own reader is complete-or-fail).
     */
    private Uni<List<VenueOrder>> pages(String status, Instant after, int pageSize, Map<String, AlpacaOrder> seen, int page) {
        return guard(api.orders(status, after == null ? null : after.toString(), pageSize)).chain(list -> {
            list.forEach(o -> seen.putIfAbsent(o.id(), o));
            AlpacaOrder last = list.isEmpty() ? null : list.get(list.size() - 1);
            Instant cursor = last == null ? null : last.submittedAt() != null ? last.submittedAt() : last.createdAt();
            boolean more = list.size() >= pageSize && page < MAX_PAGES && cursor != null
                    && (after == null || cursor.isAfter(after));
            if (!more) {
                if (list.size() >= pageSize) {
                    Log.warnf("venue %s order listing stopped after %d pages at %s (%d orders)", status, page, cursor, seen.size());
                }
                return Uni.createFrom().item(seen.values().stream().map(AlpacaVenue::toVenueOrder).toList());
            }
            return pages(status, cursor.minus(1, ChronoUnit.MICROS), pageSize, seen, page + 1);
        });
    }

    @Override
    public Uni<Void> cancel(String venueOrderId) {
        return guard(api.cancel(venueOrderId));
    }

    @Override
    public Uni<List<VenueOrder>> cancelAll() {
        return guard(api.cancelAll()).map(results -> results.stream()
                .filter(r -> r.body() != null).map(r -> toVenueOrder(r.body())).toList());
    }

    @Override
    public Uni<List<VenuePosition>> positions() {
        return guard(api.positions()).map(list -> list.stream().map(AlpacaVenue::toVenuePosition).toList());
    }

    @Override
    public Uni<VenueAccount> account() {
        return guard(api.account()).map(a -> new VenueAccount(a.equity(), a.lastEquity() == null ? a.equity() : a.lastEquity(), a.cash()));
    }

    private <T> Uni<T> guard(Uni<T> call) {
        return call.ifNoItem().after(submitTimeout).failWith(() -> new TimeoutException("no answer in " + submitTimeout))
                .onFailure().transform(AlpacaVenue::classify);
    }

    static VenueException classify(Throwable e) {
        if (e instanceof VenueException v) {
            return v;
        }
        if (e instanceof WebApplicationException web) {
            int status = web.getResponse().getStatus();
            VenueException.Kind kind = status >= 500 ? VenueException.Kind.OUTCOME_UNKNOWN : VenueException.Kind.REJECTED;
            return new VenueException(kind, status, "venue answered " + status, e);
        }
        if (e instanceof TimeoutException) {
            return new VenueException(VenueException.Kind.OUTCOME_UNKNOWN, 0, e.getMessage(), e);
        }
        Throwable root = e instanceof ProcessingException && e.getCause() != null ? e.getCause() : e;
        if (root instanceof ConnectException || String.valueOf(root.getMessage()).contains("Connection refused")) {
            return new VenueException(VenueException.Kind.NOT_SENT, 0, "venue unreachable: " + root.getMessage(), e);
        }
        return new VenueException(VenueException.Kind.OUTCOME_UNKNOWN, 0, String.valueOf(e.getMessage()), e);
    }

    static VenueOrder toVenueOrder(AlpacaOrder o) {
        return new VenueOrder(o.id(), o.clientOrderId(), o.symbol(), "buy".equals(o.side()), o.qty(),
                o.filledQty() == null ? BigDecimal.ZERO : o.filledQty(), o.filledAvgPrice(),
                OrderStatus.fromAlpaca(o.status()), o.updatedAt() != null ? o.updatedAt() : o.createdAt());
    }

    static VenuePosition toVenuePosition(AlpacaPosition p) {
        BigDecimal quantity = "short".equals(p.side()) && p.qty().signum() > 0 ? p.qty().negate() : p.qty();
        return new VenuePosition(p.symbol(), quantity, p.avgEntryPrice(), p.currentPrice(), p.unrealizedPl());
    }
}
