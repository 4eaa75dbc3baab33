package io.tripwire.controlplane.group;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.function.Supplier;

/**
 * The metrics of one {@link CommitGroups}: {@code <prefix>_group_items} (items per group),
 * {@code <prefix>_group_retried_total} (groups that failed and were written again item by item) and
 * {@code <prefix>_waiting_items} (items waiting for the next group).
 */
public final class CommitGroupMetrics implements CommitGroups.Observer {

    private final DistributionSummary groupSize;
    private final Counter retried;

    public CommitGroupMetrics(MeterRegistry registry, String prefix, String what) {
        this.groupSize = DistributionSummary.builder(prefix + "_group_items")
                .description(what + " written in one group").register(registry);
        this.retried = Counter.builder(prefix + "_group_retried_total")
                .description("groups of " + what + " that failed and were written again one by one").register(registry);
    }

    /** Registers the {@code <prefix>_waiting_items} gauge. */
    public static void watchWaiting(MeterRegistry registry, String prefix, String what, Supplier<Number> waiting) {
        Gauge.builder(prefix + "_waiting_items", waiting).description(what + " waiting for the next group").register(registry);
    }

    @Override
    public void group(int size) {
        groupSize.record(size);
    }

    @Override
    public void groupRetried() {
        retried.increment();
    }

    public long groups() {
        return groupSize.count();
    }

    public double maxGroup() {
        return groupSize.max();
    }

    public double retriedGroups() {
        return retried.count();
    }
}
