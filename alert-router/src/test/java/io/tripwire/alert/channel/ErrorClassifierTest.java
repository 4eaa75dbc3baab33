package io.tripwire.alert.channel;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Retryable vs permanent, per provider (plain JUnit). */
class ErrorClassifierTest {

    private final Clock clock = Clock.fixed(Instant.parse("2026-11-21T10:00:00Z"), ZoneOffset.UTC);

    @Test
    void twilio() {
        assertThat(TwilioErrorClassifier.classify(400, 21610, "STOP", null).retryable()).isFalse();
        assertThat(TwilioErrorClassifier.classify(400, 21211, "invalid To", null).retryable()).isFalse();
        assertThat(TwilioErrorClassifier.classify(401, 20003, "auth", null).retryable()).isFalse();
        assertThat(TwilioErrorClassifier.classify(429, 20429, "busy", Duration.ofSeconds(3)).retryAfter()).hasSeconds(3);
        assertThat(TwilioErrorClassifier.classify(400, 30001, "queue overflow", null).retryable()).isTrue();
        assertThat(TwilioErrorClassifier.classify(503, null, "down", null).retryable()).isTrue();
        assertThat(TwilioErrorClassifier.classify(null, null, "Read timed out", null).retryable()).isTrue();
    }

    @Test
    void sendGrid() {
        assertThat(SendGridErrorClassifier.classify(202, Map.of("X-Message-Id", "m1"), "", clock)).isEqualTo(new SendResult.Accepted("m1"));
        var throttled = (SendResult.Failed) SendGridErrorClassifier.classify(429,
                Map.of("X-RateLimit-Reset", Long.toString(clock.instant().getEpochSecond() + 42)), "", clock);
        assertThat(throttled.retryable()).isTrue();
        assertThat(throttled.retryAfter()).hasSeconds(42);
        assertThat(((SendResult.Failed) SendGridErrorClassifier.classify(500, Map.of(), "", clock)).retryable()).isTrue();
        assertThat(((SendResult.Failed) SendGridErrorClassifier.classify(400, Map.of(), "bad", clock)).retryable()).isFalse();
        assertThat(((SendResult.Failed) SendGridErrorClassifier.classify(401, Map.of(), "key", clock)).retryable()).isFalse();
    }

    @Test
    void slack() {
        assertThat(SlackErrorClassifier.http(404, "no_service", null).retryable()).isFalse();
        assertThat(SlackErrorClassifier.http(410, "channel_is_archived", null).retryable()).isFalse();
        assertThat(SlackErrorClassifier.http(429, "", Duration.ofSeconds(30)).retryAfter()).hasSeconds(30);
        assertThat(SlackErrorClassifier.http(502, "", null).retryable()).isTrue();
        assertThat(SlackErrorClassifier.apiError("channel_not_found", null).retryable()).isFalse();
        assertThat(SlackErrorClassifier.apiError("ratelimited", null).retryable()).isTrue();
    }

    @Test
    void pagerDuty() {
        assertThat(PagerDutyErrorClassifier.classify(400, "invalid event", null).retryable()).isFalse();
        assertThat(PagerDutyErrorClassifier.classify(429, "throttle", null).retryable()).isTrue();
        assertThat(PagerDutyErrorClassifier.classify(500, "", null).retryable()).isTrue();
    }

    @Test
    void retryAfterReadsSecondsAndHttpDates() {
        assertThat(RetryAfter.header("120", clock)).hasSeconds(120);
        assertThat(RetryAfter.header("Sat, 21 Nov 2026 10:01:00 GMT", clock)).hasSeconds(60);
        assertThat(RetryAfter.header("soon", clock)).isNull();
        assertThat(RetryAfter.epochReset(Long.toString(clock.instant().getEpochSecond() - 5), clock)).isZero();
    }
}
