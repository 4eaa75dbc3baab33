package io.tripwire.gateway.breaker;

import io.tripwire.gateway.GatewayConfig;
import io.tripwire.controlplane.venue.VenueAccount;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Objects;
import java.util.Optional;

/**
 * The automatic-trip rules, pure: given what is known now, which trip (if any) is due. Checked in this
 * order, the first that holds wins: daily loss, drawdown from the day's peak, consecutive venue errors,
 * reject storm. An unknown account (venue unreachable) skips the two account rules; the venue-error
 * rule covers that case.
 */
public final class AutoTripEvaluator {

    /** The limits, from {@code gateway.breaker.*}. */
    public record Limits(BigDecimal dailyLossLimit, BigDecimal maxDrawdown, int maxConsecutiveVenueErrors,
                         int rejectStormCount) {
        public static Limits of(GatewayConfig.Breaker config) {
            return new Limits(config.dailyLossLimit(), config.maxDrawdown(), config.maxConsecutiveVenueErrors(),
                    config.rejectStormCount());
        }
    }

    /**
     * @param account         the venue account now, or {@code null} when it could not be read
     * @param dayPeakEquity   the highest equity seen today (including the previous close), or {@code null}
     */
    public record Inputs(VenueAccount account, BigDecimal dayPeakEquity, int consecutiveVenueErrors, int rejectsInWindow) {
    }

    private static final int RATIO_SCALE = 6;

    private final Limits limits;

    public AutoTripEvaluator(Limits limits) {
        this.limits = Objects.requireNonNull(limits, "limits");
    }

    public Optional<AutoTrip> evaluate(Inputs in) {
        if (in.account() != null) {
            BigDecimal loss = in.account().dailyPnl().negate();
            if (loss.compareTo(limits.dailyLossLimit()) > 0) {
                return trip(TripReason.DAILY_LOSS_EXCEEDED, "daily loss " + loss.toPlainString() + " USD exceeds the limit of "
                        + limits.dailyLossLimit().toPlainString(), limits.dailyLossLimit(), loss);
            }
            BigDecimal peak = in.dayPeakEquity() == null ? in.account().equity() : in.dayPeakEquity().max(in.account().equity());
            if (peak.signum() > 0) {
                BigDecimal drawdown = peak.subtract(in.account().equity()).divide(peak, RATIO_SCALE, RoundingMode.HALF_EVEN);
                if (drawdown.compareTo(limits.maxDrawdown()) > 0) {
                    return trip(TripReason.MAX_DRAWDOWN, "equity " + in.account().equity().toPlainString() + " is "
                            + drawdown.toPlainString() + " below today's peak " + peak.toPlainString(),
                            limits.maxDrawdown(), drawdown);
                }
            }
        }
        if (in.consecutiveVenueErrors() >= limits.maxConsecutiveVenueErrors()) {
            return trip(TripReason.BROKER_ERRORS, in.consecutiveVenueErrors() + " venue calls failed in a row",
                    BigDecimal.valueOf(limits.maxConsecutiveVenueErrors()), BigDecimal.valueOf(in.consecutiveVenueErrors()));
        }
        if (in.rejectsInWindow() >= limits.rejectStormCount()) {
            return trip(TripReason.REJECT_STORM, in.rejectsInWindow() + " orders refused within the reject-storm window",
                    BigDecimal.valueOf(limits.rejectStormCount()), BigDecimal.valueOf(in.rejectsInWindow()));
        }
        return Optional.empty();
    }

    private static Optional<AutoTrip> trip(TripReason reason, String message, BigDecimal threshold, BigDecimal actual) {
        return Optional.of(new AutoTrip(reason, message, threshold, actual));
    }
}
