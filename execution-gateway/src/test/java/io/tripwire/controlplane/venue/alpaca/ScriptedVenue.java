package io.tripwire.controlplane.venue.alpaca;

import io.smallrye.mutiny.Uni;
import io.tripwire.controlplane.order.OrderStatus;
import io.tripwire.controlplane.venue.VenueAccount;
import io.tripwire.controlplane.venue.VenueOrder;
import io.tripwire.controlplane.venue.VenueOrderRequest;
import io.tripwire.controlplane.venue.VenuePosition;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * A venue whose account figures the test scripts, installed with QuarkusMock in place of the Alpaca
 * (paper) venue bean (hence a subclass of it, in its package): for account-driven rules (daily loss,
 * drawdown, garbled data). Orders fill at once; nothing rests.
 */
public class ScriptedVenue extends AlpacaVenue {

    private final AtomicReference<Supplier<VenueAccount>> account = new AtomicReference<>(
            () -> new VenueAccount(new java.math.BigDecimal("1000000"), new java.math.BigDecimal("1000000"),
                    new java.math.BigDecimal("1000000")));
    private final AtomicInteger submits = new AtomicInteger();

    public ScriptedVenue(io.tripwire.controlplane.config.ControlPlaneConfig config) {
        super(null, config);
    }

    public ScriptedVenue account(Supplier<VenueAccount> next) {
        account.set(next);
        return this;
    }

    public int submits() {
        return submits.get();
    }

    @Override
    public String name() {
        return "scripted";
    }

    @Override
    public Uni<VenueOrder> submit(VenueOrderRequest r) {
        submits.incrementAndGet();
        return Uni.createFrom().item(new VenueOrder(UUID.randomUUID().toString(), r.clientOrderId(), r.symbol(), r.buy(),
                r.quantity(), r.quantity(), r.limitPrice() != null ? r.limitPrice() : java.math.BigDecimal.ONE,
                OrderStatus.FILLED, Instant.now()));
    }

    @Override
    public Uni<VenueOrder> byClientOrderId(String clientOrderId) {
        return Uni.createFrom().nullItem();
    }

    @Override
    public Uni<List<VenueOrder>> ordersSince(Instant after, int limit) {
        return Uni.createFrom().item(List.of());
    }

    @Override
    public Uni<List<VenueOrder>> openOrders() {
        return Uni.createFrom().item(List.of());
    }

    @Override
    public Uni<Void> cancel(String venueOrderId) {
        return Uni.createFrom().voidItem();
    }

    @Override
    public Uni<List<VenueOrder>> cancelAll() {
        return Uni.createFrom().item(List.of());
    }

    @Override
    public Uni<VenueAccount> account() {
        return Uni.createFrom().item(() -> account.get().get());
    }

    @Override
    public Uni<List<VenuePosition>> positions() {
        return Uni.createFrom().item(List.of());
    }
}
