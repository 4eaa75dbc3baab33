package io.tripwire.papervenue.order;

import java.util.Arrays;
import java.util.List;

/**
 * Alpaca order statuses used by the paper venue, ranked: a status only ever moves to a higher rank
 * (every SQL update is guarded by "still open"), so a late tick can never un-cancel an order.
 */
public enum OrderStatus {
    ACCEPTED(1), NEW(2), PARTIALLY_FILLED(3), FILLED(4), CANCELED(4), EXPIRED(4), REJECTED(4);

    /** Open statuses, as SQL literals for {@code status IN (...)}. */
    public static final String OPEN_SQL = "('accepted', 'new', 'partially_filled')";

    private final int rank;

    OrderStatus(int rank) {
        this.rank = rank;
    }

    public String wire() {
        return name().toLowerCase();
    }

    public boolean isOpen() {
        return rank < 4;
    }

    public boolean canMoveTo(OrderStatus next) {
        return isOpen() && next.rank > rank;
    }

    public static OrderStatus fromWire(String value) {
        return Arrays.stream(values()).filter(s -> s.wire().equals(value)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown order status " + value));
    }

    public static List<OrderStatus> open() {
        return Arrays.stream(values()).filter(OrderStatus::isOpen).toList();
    }
}
