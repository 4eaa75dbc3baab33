package io.tripwire.signal.model;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * A consensus answer, exactly seed 001's shape: {@code {signal, prob_long, prob_short, confidence, model_version,
 * allow, threshold}}. Probabilities are rounded to 6 decimals (half even) and prob_short = 1 - prob_long exactly;
 * confidence = |prob_long - prob_short|; signal long when prob_long is above the direction probability (0.55),
 * short when prob_short is, else flat; allow = signal is not flat AND confidence ≥ threshold (equal is allowed).
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record Decision(String signal, double probLong, double probShort, double confidence, String modelVersion,
                       boolean allow, double threshold) {

    public static final String LONG = "long";
    public static final String SHORT = "short";
    public static final String FLAT = "flat";
    private static final int SCALE = 6;

    public static Decision of(double probabilityLong, BigDecimal threshold, BigDecimal directionProbability, String modelVersion) {
        if (!Double.isFinite(probabilityLong) || probabilityLong < 0 || probabilityLong > 1) {
            throw new IllegalArgumentException("probability out of range: " + probabilityLong);
        }
        BigDecimal pLong = BigDecimal.valueOf(probabilityLong).setScale(SCALE, RoundingMode.HALF_EVEN);
        BigDecimal pShort = BigDecimal.ONE.subtract(pLong);
        BigDecimal confidence = pLong.subtract(pShort).abs();
        String signal = pLong.compareTo(directionProbability) > 0 ? LONG : pShort.compareTo(directionProbability) > 0 ? SHORT : FLAT;
        boolean allow = !FLAT.equals(signal) && confidence.compareTo(threshold) >= 0;
        return new Decision(signal, pLong.doubleValue(), pShort.doubleValue(), confidence.doubleValue(), modelVersion, allow,
                threshold.doubleValue());
    }

    /** Low-cardinality outcome for metrics: allowed, low_confidence or flat. */
    public String outcome() {
        return allow ? "allowed" : FLAT.equals(signal) ? "flat" : "low_confidence";
    }
}
