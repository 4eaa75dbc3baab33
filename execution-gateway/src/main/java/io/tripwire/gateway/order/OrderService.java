package io.tripwire.gateway.order;

import io.tripwire.controlplane.order.OrderStatus;
import io.tripwire.controlplane.order.Order;
import io.tripwire.controlplane.order.OrderRepository;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.tripwire.controlplane.reject.RejectCode;
import io.tripwire.controlplane.reject.RejectException;
import io.tripwire.gateway.GatewayMetrics;
import io.tripwire.gateway.admission.AdmissionDecision;
import io.tripwire.gateway.admission.AdmissionRequest;
import io.tripwire.gateway.admission.AdmissionScript;
import io.tripwire.gateway.admission.ExposureLedger;
import io.tripwire.gateway.artifact.ArtifactGate;
import io.tripwire.gateway.breaker.RecentTrip;
import io.tripwire.gateway.risk.PreTradeChecks;
import io.tripwire.gateway.risk.ReferencePrice;
import io.tripwire.gateway.risk.ReferencePrices;
import io.tripwire.controlplane.venue.Venue;
import io.tripwire.gateway.venue.VenueSubmitter;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * Order admission in the order of DESIGN.md §4: stateless risk, then one atomic Redis decision, then
 * the intent made durable in PostgreSQL, and only then, asynchronously, the venue. Every failure after
 * the reservation gives it back.
 */
@ApplicationScoped
public class OrderService {

    private final PreTradeChecks checks;
    private final ReferencePrices prices;
    private final AdmissionScript admission;
    private final ExposureLedger exposure;
    private final OrderRepository orders;
    private final OrderEventsPublisher events;
    private final VenueSubmitter submitter;
    private final Venue venue;
    private final GatewayMetrics metrics;
    private final Pool pool;
    private final RecentTrip recentTrip;
    private final ArtifactGate artifacts;
    private final AdmissionLoad load;
    private final Clock clock;

    public OrderService(PreTradeChecks checks, ReferencePrices prices, AdmissionScript admission, ExposureLedger exposure,
                        OrderRepository orders, OrderEventsPublisher events, VenueSubmitter submitter, Venue venue,
                        GatewayMetrics metrics, Pool pool, RecentTrip recentTrip, ArtifactGate artifacts, AdmissionLoad load,
                        Clock clock) {
        this.checks = checks;
        this.prices = prices;
        this.admission = admission;
        this.exposure = exposure;
        this.orders = orders;
        this.events = events;
        this.submitter = submitter;
        this.venue = venue;
        this.metrics = metrics;
        this.pool = pool;
        this.recentTrip = recentTrip;
        this.artifacts = artifacts;
        this.load = load;
        this.clock = clock;
    }

    /**
     * @param apiKeyPrefix the caller's key, for its rate bucket
     * @param provenance   {@code api} for clients, {@code kill-switch} for flatten orders
     */
    public Uni<PlacedOrder> place(OrderRequest request, String apiKeyPrefix, String provenance) {
        // Orders that only take risk off are never shed: under overload they matter most.
        if (request.reduceOnlyOrDefault() || VenueSubmitter.FLATTEN_PROVENANCE.equals(provenance)) {
            return admitted(request, apiKeyPrefix, provenance);
        }
        if (!load.tryEnter()) {
            // Not a decision on the order: counted apart (status SHED), so shedding never feeds the reject storm.
            metrics.order("SHED", RejectCode.RATE_LIMITED.name());
            return Uni.createFrom().failure(new RejectException(RejectCode.RATE_LIMITED,
                    "gateway at its admission capacity: retry shortly", Map.of("retry_after_ms", AdmissionLoad.RETRY_AFTER_MS,
                    "scope", "gateway")));
        }
        return admitted(request, apiKeyPrefix, provenance).eventually(load::leave);
    }

    private Uni<PlacedOrder> admitted(OrderRequest request, String apiKeyPrefix, String provenance) {
        if (!checks.isKnownSymbol(request.symbol())) {
            return reject(RejectCode.VALIDATION_FAILED, "unknown symbol " + request.symbol(),
                    Map.of("fields", Map.of("symbol", "unknown symbol")));
        }
        boolean flatten = VenueSubmitter.FLATTEN_PROVENANCE.equals(provenance);
        OrderRequest keyed = request.clientOrderId() != null ? request : request.withClientOrderId(UUID.randomUUID().toString());
        return prices.get(keyed.symbol())
                .onFailure(RejectException.class).invoke(e -> metrics.order("REJECTED", ((RejectException) e).code().name()))
                .chain(price -> decide(keyed, price, apiKeyPrefix, provenance, flatten));
    }

    /** Stateless risk (limits, confidence, the strategy artifact), then {@link #admit}. */
    private Uni<PlacedOrder> decide(OrderRequest keyed, ReferencePrice price, String apiKeyPrefix, String provenance,
                                    boolean flatten) {
        Instant now = clock.instant();
        PreTradeChecks.Verdict verdict = checks.check(keyed, price, now);
        if (verdict instanceof PreTradeChecks.Reject r) {
            return reject(r.code(), r.message(), r.details());
        }
        PreTradeChecks.Sized sized = (PreTradeChecks.Sized) verdict;
        return artifacts.check(keyed, keyed.reduceOnlyOrDefault() || flatten)
                .onFailure(RejectException.class).invoke(e -> metrics.order("REJECTED", ((RejectException) e).code().name()))
                .chain(() -> admit(keyed, sized, apiKeyPrefix, provenance, flatten, now));
    }

    /** The one Redis decision (unless a recent TRIPPED sighting refuses at once), then persistence. */
    private Uni<PlacedOrder> admit(OrderRequest keyed, PreTradeChecks.Sized sized, String apiKeyPrefix, String provenance,
                                   boolean flatten, Instant now) {
        if (!flatten && recentTrip.refuse()) { // a refusal needs no Redis round trip (ADR 0031)
            return reject(RejectCode.CIRCUIT_BREAKER_TRIPPED, "circuit breaker is TRIPPED", recentTrip.lastTrip());
        }
        UUID orderId = UUID.randomUUID();
        String hash = RequestHash.of(keyed);
        var decisionRequest = new AdmissionRequest(orderId, keyed.clientOrderId(), hash, apiKeyPrefix,
                keyed.strategyId(), sized.symbol(), keyed.side().isBuy(), sized.quantity(),
                keyed.reduceOnlyOrDefault() || flatten, flatten, sized.positionLimit(), sized.symbolCapQuantity());
        long readStarted = recentTrip.readStarted();
        return admission.admit(decisionRequest).invoke(decision -> observeBreaker(decision, readStarted)).chain(decision -> switch (decision) {
            case AdmissionDecision.Admitted a -> persist(newOrder(a.orderId(), keyed, hash, apiKeyPrefix, sized,
                    provenance, now));
            case AdmissionDecision.Duplicate d -> original(d.orderId());
            case AdmissionDecision.Rejected r -> reject(r.code(), r.detail(), r.retryAfterMillis() > 0
                    ? Map.of("retry_after_ms", r.retryAfterMillis()) : r.details());
        });
    }

    /** What the admission answer says about the breaker, for {@link RecentTrip}. */
    private void observeBreaker(AdmissionDecision decision, long readStarted) {
        if (decision instanceof AdmissionDecision.Admitted) {
            recentTrip.sawNotTripped();
        } else if (decision instanceof AdmissionDecision.Rejected r && r.code() == RejectCode.CIRCUIT_BREAKER_TRIPPED) {
            recentTrip.sawTripped(readStarted, r.details());
        }
    }

    private Uni<PlacedOrder> persist(Order order) {
        return orders.insert(pool, order, "api:" + order.apiKeyPrefix())
                .ifNoItem().after(Duration.ofSeconds(5)).fail()
                .map(ignored -> {
                    metrics.order("ACCEPTED", "none");
                    Log.debugf("order %s admitted: %s %s %s", order.clientOrderId(), order.side(),
                            order.quantity().toPlainString(), order.symbol());
                    events.publish(order);
                    submitter.dispatch(order);
                    return new PlacedOrder(order, false);
                })
                .onFailure().recoverWithUni(e -> {
                    Log.errorf("order %s admitted but not persisted (%s): reservation given back", order.clientOrderId(),
                            e.getMessage());
                    return exposure.unwindAdmission(order.symbol(), order.side().isBuy(), order.quantity(),
                                    order.clientOrderId(), order.id())
                            .chain(() -> reject(RejectCode.CONTROL_PLANE_UNAVAILABLE, "order could not be made durable", Map.of()));
                });
    }

    private Uni<PlacedOrder> original(UUID orderId) {
        return orders.find(orderId).map(found -> {
            if (found == null) {
                // Claimed in Redis by a request whose persist is still running or failed: not answerable yet.
                throw new RejectException(RejectCode.CONTROL_PLANE_UNAVAILABLE, "original order not yet durable; retry");
            }
            metrics.order("DUPLICATE", "none");
            return new PlacedOrder(found, true);
        });
    }

    private <T> Uni<T> reject(RejectCode code, String message, Map<String, Object> details) {
        metrics.order("REJECTED", code.name());
        Log.debugf("order rejected: %s %s", code, message);
        return Uni.createFrom().failure(new RejectException(code, message, details));
    }

    private Order newOrder(UUID id, OrderRequest r, String hash, String apiKeyPrefix, PreTradeChecks.Sized sized,
                           String provenance, Instant now) {
        return new Order(id, r.clientOrderId(), hash, apiKeyPrefix, r.strategyId(), r.artifactId(), sized.symbol(),
                r.side(), r.type(), r.timeInForceOrDefault(), sized.quantity(), r.limitPrice(), sized.referencePrice(),
                r.reduceOnlyOrDefault() || VenueSubmitter.FLATTEN_PROVENANCE.equals(provenance), r.confidence(),
                OrderStatus.NEW, BigDecimal.ZERO, null, venue.name(), null, null, null, provenance, now, now);
    }
}
