package io.tripwire.alert.channel;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;

/**
 * SendGrid v3 answers: 2xx accepted (202 for mail/send); 429 retryable after {@code X-RateLimit-Reset} (epoch
 * seconds) or {@code Retry-After}; 5xx retryable; 400 (bad payload or address), 401/403 (key), 413 and every other
 * 4xx permanent.
 */
public final class SendGridErrorClassifier {

    private SendGridErrorClassifier() {
    }

    public static SendResult classify(int status, Map<String, String> headers, String body, Clock clock) {
        if (status >= 200 && status < 300) {
            return SendResult.accepted(header(headers, "X-Message-Id"));
        }
        String text = "sendgrid " + status + ": " + abbreviate(body);
        if (status == 429) {
            Duration wait = RetryAfter.epochReset(header(headers, "X-RateLimit-Reset"), clock);
            return SendResult.retryable(text, wait != null ? wait : RetryAfter.header(header(headers, "Retry-After"), clock));
        }
        if (status >= 500) {
            return SendResult.retryable(text, RetryAfter.header(header(headers, "Retry-After"), clock));
        }
        return SendResult.permanent(text);
    }

    public static SendResult network(String message) {
        return SendResult.retryable("sendgrid unreachable: " + message, null);
    }

    static String header(Map<String, String> headers, String name) {
        return headers == null ? null : headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                .map(Map.Entry::getValue).findFirst().orElse(null);
    }

    static String abbreviate(String body) {
        if (body == null) {
            return "";
        }
        return body.length() <= 300 ? body : body.substring(0, 300) + "…";
    }
}
