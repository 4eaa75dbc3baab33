package io.tripwire.signal.feature;

import java.util.List;
import java.util.Set;

/** The features the service computes per symbol from {@code md:bars}, and the only ones a model may weigh. */
public final class FeatureNames {

    /** 20-bar momentum: close / close 20 bars earlier - 1. */
    public static final String MOM_20 = "mom_20";
    /** 5-bar realized volatility: square root of the sum of the last 5 squared log returns (not annualized). */
    public static final String RV_5 = "rv_5";
    /** 14-bar RSI (simple averages of the last 14 gains and losses), 0..100. */
    public static final String RSI_14 = "rsi_14";

    public static final List<String> ALL = List.of(MOM_20, RV_5, RSI_14);
    public static final Set<String> KNOWN = Set.copyOf(ALL);

    private FeatureNames() {
    }
}
