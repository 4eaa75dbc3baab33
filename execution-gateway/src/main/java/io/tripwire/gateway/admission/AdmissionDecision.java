package io.tripwire.gateway.admission;

import io.tripwire.controlplane.reject.RejectCode;
import java.util.Map;
import java.util.UUID;

/** The outcome of the admission script. */
public sealed interface AdmissionDecision {

    /** Admitted: idempotency claimed, exposure reserved, rate tokens taken. */
    record Admitted(UUID orderId) implements AdmissionDecision {
    }

    /** The same request was admitted before: answer with that order. */
    record Duplicate(UUID orderId) implements AdmissionDecision {
    }

    /** Refused; {@code retryAfterMillis} only for RATE_LIMITED; {@code details} for the reject body (the trip of a TRIPPED breaker). */
    record Rejected(RejectCode code, String detail, long retryAfterMillis, Map<String, Object> details)
            implements AdmissionDecision {

        public Rejected {
            details = details == null ? Map.of() : Map.copyOf(details);
        }

        public Rejected(RejectCode code, String detail, long retryAfterMillis) {
            this(code, detail, retryAfterMillis, Map.of());
        }
    }
}
