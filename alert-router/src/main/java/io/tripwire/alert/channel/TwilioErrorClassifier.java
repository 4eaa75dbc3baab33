package io.tripwire.alert.channel;

import java.time.Duration;
import java.util.Set;

/**
 * Twilio errors: 429 / 20429 (concurrency, "safe to retry"), 5xx, 30001 (queue overflow) and 30003 (unreachable
 * handset) are retryable; 21610 (recipient replied STOP), 21211 (invalid To), 21614 (not a mobile number), 30005,
 * 30006, 30007, auth (20003) and every other 4xx are permanent.
 */
public final class TwilioErrorClassifier {

    private static final Set<Integer> RETRYABLE_CODES = Set.of(20429, 30001, 30003, 20500, 20503);

    private TwilioErrorClassifier() {
    }

    public static SendResult.Failed classify(Integer httpStatus, Integer code, String message, Duration retryAfter) {
        String text = "twilio " + (httpStatus == null ? "?" : httpStatus) + (code == null ? "" : " code " + code) + ": " + message;
        if (httpStatus == null && code == null) {
            return network(message); // no HTTP answer at all, e.g. "Read timed out"
        }
        if (code != null && RETRYABLE_CODES.contains(code)) {
            return new SendResult.Failed(true, retryAfter, text);
        }
        if (httpStatus != null && (httpStatus == 429 || httpStatus >= 500)) {
            return new SendResult.Failed(true, retryAfter, text);
        }
        return new SendResult.Failed(false, null, text);
    }

    /** No HTTP answer (connection refused, reset, timeout). */
    public static SendResult.Failed network(String message) {
        return new SendResult.Failed(true, null, "twilio unreachable: " + message);
    }
}
