package io.tripwire.alert.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.List;

/** Settings of the alert router ({@code alert.*}); every default is stated on its method. */
@ConfigMapping(prefix = "alert")
public interface AlertRouterConfig {

    /** Delivery attempts before a delivery goes to the poison queue. Default 8. */
    @WithDefault("8")
    int maxAttempts();

    /** A firing alert whose dedup key is open and was stored within this window is a duplicate. Default 5 min. */
    @WithDefault("5m")
    Duration dedupWindow();

    /** Interval of the sweeper that claims due deliveries (incl. poison rows re-queued with SQL). Default 1 s. */
    @WithDefault("1s")
    Duration sweepInterval();

    /** Interval at which alert_poison_queue_size and alert_queue_depth are re-read from PostgreSQL. Default 5 s. */
    @WithDefault("5s")
    Duration gaugeInterval();

    Intake intake();

    Delivery delivery();

    Backoff backoff();

    Email email();

    Sms sms();

    Sink sink();

    RateLimits rateLimits();

    Routes routes();

    ProviderSettings.SendGrid sendgrid();

    ProviderSettings.Slack slack();

    ProviderSettings.Twilio twilio();

    ProviderSettings.PagerDuty pagerduty();

    interface Intake {
        /** HTTP intake requests being stored at once; more get 429 RATE_LIMITED with Retry-After. Default 64. */
        @WithDefault("64")
        int maxInFlight();

        /** Alerts in one Alertmanager webhook call; more is a 400. Default 1000. */
        @WithDefault("1000")
        int maxBatch();

        /** Stream entries read (and stored in one transaction) per XREADGROUP. Default 500. */
        @WithDefault("500")
        int streamBatch();

        /** XREADGROUP BLOCK time. Default 500 ms. */
        @WithDefault("500ms")
        Duration streamBlock();

        /** Entries left un-ACKed this long by a dead consumer are claimed (XAUTOCLAIM). Default 30 s. */
        @WithDefault("30s")
        Duration streamClaimIdle();

        /** Stream receipts (idempotent re-reads after a crash) are kept this long. Default 7 days. */
        @WithDefault("7d")
        Duration receiptRetention();
    }

    interface Delivery {
        /** Deliveries sent at once by this instance (worker threads busy with provider calls). Default 32. */
        @WithDefault("32")
        int workers();

        /** Timeout of one provider call (connect + response). Default 10 s. */
        @WithDefault("10s")
        Duration providerTimeout();

        /** An in_progress delivery older than this is presumed orphaned (worker died) and reclaimed. Default 2 min. */
        @WithDefault("2m")
        Duration stuckAfter();
    }

    interface Backoff {
        /** Delay before the second attempt. Default 2 s. */
        @WithDefault("2s")
        Duration initial();

        /** Growth per attempt. Default 2. */
        @WithDefault("2.0")
        double multiplier();

        /** Longest computed delay. Default 5 min. */
        @WithDefault("5m")
        Duration max();

        /** Random spread: the delay is multiplied by a factor in [1 - jitter, 1 + jitter]. Default 0.5. */
        @WithDefault("0.5")
        double jitter();

        /** Longest provider Retry-After / X-RateLimit-Reset honoured. Default 15 min. */
        @WithDefault("15m")
        Duration maxRetryAfter();
    }

    /** The email channel (SendGrid settings are under {@code alert.sendgrid}). */
    interface Email {
        /** {@code auto} (provider when the SendGrid API key is real, else the sink), {@code live} or {@code sink}. Default auto. */
        @WithDefault("auto")
        ChannelMode mode();
    }

    /** The local sink: where a channel without real credentials (or in mode {@code sink}) delivers. */
    interface Sink {
        /** JSON-lines file the sink appends to (created owner-only); the inbox reads it. Default {@code .run/alert-sink.jsonl}. */
        @WithDefault(".run/alert-sink.jsonl")
        String file();
    }

    interface Sms {
        /** {@code auto} (Twilio when account SID and auth token are real, else the sink), {@code live} or {@code sink}. Default auto. */
        @WithDefault("auto")
        ChannelMode mode();

        /** An SMS not accepted by Twilio this long after the alert was created is expired, not sent late. Default 5 min. */
        @WithDefault("5m")
        Duration ttl();
    }

    /** Fixed-window limits held in Redis; a throttled delivery waits (it does not use up an attempt). */
    interface RateLimits {
        /** Every channel together, per minute. Default 600. */
        @WithDefault("600")
        int globalPerMinute();

        /** Email deliveries per minute (all recipients). Default 100. */
        @WithDefault("100")
        int emailPerMinute();

        /** Slack messages per minute. Default 50 (Slack allows about one per second per channel). */
        @WithDefault("50")
        int slackPerMinute();

        /** SMS per minute. Default 10. */
        @WithDefault("10")
        int smsPerMinute();

        /** PagerDuty events per minute. Default 120. */
        @WithDefault("120")
        int pagerdutyPerMinute();

        /** Emails per recipient per hour. Default 60. */
        @WithDefault("60")
        int emailPerRecipientPerHour();

        /** Slack messages per channel/webhook per hour. Default 600. */
        @WithDefault("600")
        int slackPerRecipientPerHour();

        /** SMS per phone number per hour. Default 30. */
        @WithDefault("30")
        int smsPerRecipientPerHour();

        /** PagerDuty events per service per hour. Default 1000. */
        @WithDefault("1000")
        int pagerdutyPerRecipientPerHour();
    }

    /** Default routes ({@code channel:recipient} lists), used for alerts that no enabled rule matches. */
    interface Routes {
        /** Default {@code email:ops@tripwire.invalid}. */
        @WithDefault("email:ops@tripwire.invalid")
        List<String> info();

        /** Default {@code slack:#alerts-ops} (seed 003: warning → Slack). */
        @WithDefault("slack:#alerts-ops")
        List<String> warning();

        /** Default {@code pagerduty:platform-team,sms:+15005550006} (seed 003: critical → PagerDuty + SMS). */
        @WithDefault("pagerduty:platform-team,sms:+15005550006")
        List<String> critical();

        /** Where a critical alert goes next when a channel is poisoned or expired. Default Slack, then email. */
        @WithDefault("slack:#alerts-ops,email:ops@tripwire.invalid")
        List<String> criticalEscalation();
    }
}
