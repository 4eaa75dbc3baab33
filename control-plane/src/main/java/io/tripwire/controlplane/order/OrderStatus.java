package io.tripwire.controlplane.order;

/**
 * Order states (DESIGN.md §4). Status only moves forward by rank; UNKNOWN (submit outcome unknown)
 * is resolved only by the reconciler.
 */
public enum OrderStatus {
    NEW(0, false),
    SUBMITTED(1, false),
    /** Sent, but the outcome is unknown (no answer in time, or a venue failure): above SUBMITTED, below any venue report. */
    UNKNOWN(2, false),
    ACCEPTED(3, false),
    PARTIALLY_FILLED(4, false),
    FILLED(10, true),
    CANCELED(10, true),
    REJECTED(10, true),
    EXPIRED(10, true);

    private final int rank;
    private final boolean terminal;

    OrderStatus(int rank, boolean terminal) {
        this.rank = rank;
        this.terminal = terminal;
    }

    public int rank() {
        return rank;
    }

    public boolean terminal() {
        return terminal;
    }

    /** Whether moving from this status to {@code next} goes forward. */
    public boolean canMoveTo(OrderStatus next) {
        return !terminal && next.rank > rank || (next == PARTIALLY_FILLED && this == PARTIALLY_FILLED);
    }

    /** Maps an Alpaca order status; every live-but-not-filled state is ACCEPTED. */
    public static OrderStatus fromAlpaca(String status) {
        return switch (status) {
            case "partially_filled" -> PARTIALLY_FILLED;
            case "filled" -> FILLED;
            case "canceled" -> CANCELED;
            case "expired" -> EXPIRED;
            case "rejected" -> REJECTED;
            default -> ACCEPTED;
        };
    }
}
