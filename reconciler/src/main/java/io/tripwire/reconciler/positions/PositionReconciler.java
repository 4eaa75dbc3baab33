package io.tripwire.reconciler.positions;

import io.quarkus.logging.Log;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.tripwire.controlplane.venue.VenuePosition;
import io.tripwire.reconciler.config.ReconcilerConfig;
import io.tripwire.reconciler.lease.Fence;
import io.tripwire.reconciler.run.RunLog;
import io.tripwire.reconciler.venue.VenueReader;
import jakarta.enterprise.context.ApplicationScoped;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Positions step of a run: books the fills PostgreSQL learned since the last run, compares with the
 * venue's positions (a symbol the venue omits gets a targeted lookup; a failed read fails the run),
 * aligns PostgreSQL to the venue and, for a difference beyond tolerance, trips the breaker.
 */
@ApplicationScoped
public class PositionReconciler {

    private final PositionRepository positions;
    private final VenueReader venue;
    private final PositionMismatchHandler mismatches;
    private final ReconcilerConfig config;
    private final Clock clock;

    public PositionReconciler(PositionRepository positions, VenueReader venue, PositionMismatchHandler mismatches,
                              ReconcilerConfig config, Clock clock) {
        this.positions = positions;
        this.venue = venue;
        this.mismatches = mismatches;
        this.config = config;
        this.clock = clock;
    }

    /** The comparison, and whether it was acted on (aligned, mismatches handled). */
    public record Outcome(List<PositionDiff.Delta> deltas, boolean settled) {
        public boolean hasMismatch() {
            return deltas.stream().anyMatch(d -> d.kind() == PositionDiff.Kind.MISMATCH);
        }
    }

    /**
     * @param finalAttempt when false and a mismatch shows, nothing is aligned yet: the caller re-syncs the
     *                     orders (fills in flight) and calls again
     */
    public Uni<Outcome> reconcile(Fence fence, RunLog log, boolean finalAttempt) {
        Instant now = clock.instant();
        return fence.withTransaction(tx -> positions.bookFills(tx, now))
                .invoke(booked -> log.count("position_fill_bookings", booked.size()))
                .chain(() -> Uni.combine().all().unis(venue.positions(), positions.all()).asTuple())
                .chain(both -> {
                    Map<String, BigDecimal> venueQty = new HashMap<>();
                    Map<String, BigDecimal> avgPrice = new HashMap<>();
                    for (VenuePosition p : both.getItem1()) {
                        venueQty.put(p.symbol(), p.quantity());
                        avgPrice.put(p.symbol(), p.avgEntryPrice());
                    }
                    Map<String, BigDecimal> postgres = both.getItem2();
                    List<String> unreported = PositionDiff.unreported(postgres, venueQty);
                    log.count("position_targeted_lookups", unreported.size());
                    return Multi.createFrom().iterable(unreported)
                            .onItem().transformToUniAndConcatenate(s -> venue.position(s).invoke(q -> venueQty.put(s, q)))
                            .collect().last()
                            .chain(ignored -> positions.inFlight(now))
                            .map(inFlight -> PositionDiff.compare(postgres, venueQty, config.positionTolerance(), inFlight))
                            .chain(deltas -> settle(fence, log, deltas, avgPrice, finalAttempt, now));
                });
    }

    private Uni<Outcome> settle(Fence fence, RunLog log, List<PositionDiff.Delta> deltas, Map<String, BigDecimal> avgPrice,
                                boolean finalAttempt, Instant now) {
        Outcome outcome = new Outcome(deltas, true);
        if (outcome.hasMismatch() && !finalAttempt) {
            Log.infof("Position difference beyond tolerance in run %s: re-checking (fills may be in flight)", log.runId());
            return Uni.createFrom().item(new Outcome(deltas, false));
        }
        // IN_FLIGHT is left as it is: aligning to a venue quantity that includes fills not booked yet would book them twice.
        List<PositionDiff.Delta> changed = deltas.stream().filter(d -> d.kind() == PositionDiff.Kind.WITHIN_TOLERANCE
                || d.kind() == PositionDiff.Kind.MISMATCH).toList();
        return fence.withTransaction(tx -> Multi.createFrom().iterable(changed)
                        .onItem().transformToUniAndConcatenate(d -> positions.align(tx, d.symbol(), d.venue(),
                                avgPrice.get(d.symbol()), now))
                        .collect().last())
                .invoke(() -> count(log, deltas))
                .chain(() -> mismatches.handle(log, deltas.stream().filter(d -> d.kind() == PositionDiff.Kind.MISMATCH).toList()))
                .replaceWith(outcome);
    }

    private void count(RunLog log, List<PositionDiff.Delta> deltas) {
        for (PositionDiff.Delta d : deltas) {
            switch (d.kind()) {
                case IN_SYNC -> log.count("position_in_sync");
                case WITHIN_TOLERANCE -> log.count("position_aligned_within_tolerance");
                case IN_FLIGHT -> log.count("position_in_flight");
                case MISMATCH -> log.mismatch("position", "position_mismatch", Map.of("symbol", d.symbol(),
                        "postgres", d.postgres().toPlainString(), "venue", d.venue().toPlainString(),
                        "difference", d.difference().toPlainString()));
            }
        }
    }
}
