package io.tripwire.papervenue.order;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.tripwire.controlplane.group.CommitGroups;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.function.Supplier;

/** How orders are grouped for booking: group sizes, the queue, and groups rolled back and booked again order by order. */
@ApplicationScoped
public class BookingMetrics implements CommitGroups.Observer {

    private final DistributionSummary groupSize;
    private final Counter retried;

    private final MeterRegistry registry;

    public BookingMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.groupSize = DistributionSummary.builder("paper_venue_booking_group_orders")
                .description("orders booked in one transaction").register(registry);
        this.retried = Counter.builder("paper_venue_booking_group_retried_total")
                .description("booking groups rolled back and booked again order by order").register(registry);
    }

    /** {@code paper_venue_booking_queue_orders}: orders waiting for the next group. */
    void watchWaiting(Supplier<Number> waiting) {
        Gauge.builder("paper_venue_booking_queue_orders", waiting)
                .description("orders waiting for the next booking group").register(registry);
    }

    @Override
    public void group(int orders) {
        groupSize.record(orders);
    }

    @Override
    public void groupRetried() {
        retried.increment();
    }

    public long groups() {
        return groupSize.count();
    }

    public double retriedGroups() {
        return retried.count();
    }
}
