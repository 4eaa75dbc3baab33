package io.tripwire.gateway.order;

import io.tripwire.gateway.GatewayConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * How many risk-increasing orders this gateway is admitting right now, bounded by
 * {@code gateway.admission.max-in-flight}: past the bound a new order is shed at once (the caller answers 429
 * with Retry-After) rather than queued behind the stores, where every order would wait and time out together.
 */
@ApplicationScoped
public class AdmissionLoad {

    /** What a shed client is told to wait: about one admission round of a saturated gateway. */
    public static final long RETRY_AFTER_MS = 100;

    private final int max;
    private final AtomicInteger inFlight = new AtomicInteger();

    @Inject
    public AdmissionLoad(GatewayConfig config) {
        this(config.admissionMaxInFlight());
    }

    AdmissionLoad(int max) {
        if (max < 1) {
            throw new IllegalArgumentException("gateway.admission.max-in-flight must be at least 1");
        }
        this.max = max;
    }

    /** Takes a place, or answers false (shed) when all {@code max} are taken; a true answer needs one {@link #leave}. */
    public boolean tryEnter() {
        while (true) {
            int now = inFlight.get();
            if (now >= max) {
                return false;
            }
            if (inFlight.compareAndSet(now, now + 1)) {
                return true;
            }
        }
    }

    public void leave() {
        inFlight.decrementAndGet();
    }

    public int inFlight() {
        return inFlight.get();
    }
}
