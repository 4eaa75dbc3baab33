package io.tripwire.papervenue.order;

import java.util.UUID;

/** One element of DELETE /v2/orders' 207 body: order id, HTTP status of its cancel, and the order or error. */
public record CancelResult(UUID id, int status, Object body) {
}
