package io.tripwire.alert.channel;

import java.time.Duration;
import java.util.Set;

/**
 * Slack: HTTP 429 (with Retry-After) and 5xx are retryable; 404 ({@code no_service}), 410, 400, 403 and every
 * other 4xx are permanent. A 200 with {@code ok=false}: {@code ratelimited}, {@code internal_error},
 * {@code fatal_error}, {@code service_unavailable}, {@code request_timeout} are retryable, every other error
 * (channel_not_found, not_in_channel, is_archived, invalid_auth, token_revoked, …) is permanent.
 */
public final class SlackErrorClassifier {

    private static final Set<String> RETRYABLE_ERRORS = Set.of("ratelimited", "rate_limited", "internal_error", "fatal_error",
            "service_unavailable", "request_timeout", "team_added_to_org");

    private SlackErrorClassifier() {
    }

    public static SendResult.Failed http(int status, String body, Duration retryAfter) {
        String text = "slack " + status + ": " + SendGridErrorClassifier.abbreviate(body);
        if (status == 429 || status >= 500) {
            return new SendResult.Failed(true, retryAfter, text);
        }
        return new SendResult.Failed(false, null, text);
    }

    public static SendResult.Failed apiError(String error, Duration retryAfter) {
        String text = "slack error: " + error;
        return RETRYABLE_ERRORS.contains(error) ? new SendResult.Failed(true, retryAfter, text) : new SendResult.Failed(false, null, text);
    }

    public static SendResult.Failed network(String message) {
        return new SendResult.Failed(true, null, "slack unreachable: " + message);
    }
}
