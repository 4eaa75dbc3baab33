package io.tripwire.papervenue.market;

/**
 * Counter-based SplitMix64 (Steele, Lea, Flood 2014): the n-th draw of a seed is a pure function of
 * (seed, n). Unlike {@link java.util.Random}, a sequence can resume at any n after a restart and
 * gives the same numbers on every JVM.
 */
public final class SplitMix64 {

    private static final long GOLDEN_GAMMA = 0x9E3779B97F4A7C15L;

    private SplitMix64() {
    }

    /** The n-th draw of the sequence of {@code seed}. */
    public static long at(long seed, long n) {
        return mix(mix(seed) + n * GOLDEN_GAMMA);
    }

    /** The SplitMix64 finalizer: a bijective, well-mixed 64-bit hash. */
    public static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
