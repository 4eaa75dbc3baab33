package io.tripwire.alert.channel;

import java.time.Duration;

/**
 * PagerDuty Events API v2: 202 accepted; 400 (invalid event) and every other 4xx permanent; 429 retryable
 * ("retry on 429 with back off"); 5xx and network errors retryable.
 */
public final class PagerDutyErrorClassifier {

    private PagerDutyErrorClassifier() {
    }

    public static SendResult.Failed classify(int status, String body, Duration retryAfter) {
        String text = "pagerduty " + status + ": " + SendGridErrorClassifier.abbreviate(body);
        if (status == 429 || status >= 500) {
            return new SendResult.Failed(true, retryAfter, text);
        }
        return new SendResult.Failed(false, null, text);
    }

    public static SendResult.Failed network(String message) {
        return new SendResult.Failed(true, null, "pagerduty unreachable: " + message);
    }
}
