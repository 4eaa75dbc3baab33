package io.tripwire.alert.delivery;

import io.quarkus.logging.Log;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.smallrye.mutiny.Uni;
import io.tripwire.alert.config.AlertRouterConfig;
import io.tripwire.alert.routing.Channel;
import io.tripwire.controlplane.keys.RedisKeys;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;

/**
 * Per-channel (per minute), per-recipient (per hour) and global (per minute) fixed-window limits in Redis, checked
 * and counted atomically in one script: a send is counted only when all three allow it. When Redis cannot be
 * asked the send goes ahead (fail open: an alert is worth more than a limit; the providers' 429s still apply).
 */
@ApplicationScoped
public class RateLimiter {

    /** Returns 0 when every key is under its limit (all are then incremented), else the 1-based index of the first that is not. */
    private static final String SCRIPT = """
            for i = 1, #KEYS do
              local used = tonumber(redis.call('GET', KEYS[i]) or '0')
              if used >= tonumber(ARGV[2 * i - 1]) then return i end
            end
            for i = 1, #KEYS do
              if redis.call('INCR', KEYS[i]) == 1 then redis.call('PEXPIRE', KEYS[i], ARGV[2 * i]) end
            end
            return 0""";
    private static final long MINUTE = 60_000L;
    private static final long HOUR = 3_600_000L;
    private static final String[] LIMIT_TYPES = {"", "channel", "recipient", "global"};

    private final ReactiveRedisDataSource redis;
    private final RedisKeys keys;
    private final AlertRouterConfig.RateLimits limits;

    public RateLimiter(ReactiveRedisDataSource redis, RedisKeys keys, AlertRouterConfig config) {
        this.redis = redis;
        this.keys = keys;
        this.limits = config.rateLimits();
    }

    /** Allowed, or throttled by {@code limitType} until {@code retryAt}. */
    public record Decision(boolean allowed, String limitType, Instant retryAt) {
    }

    public Uni<Decision> acquire(Channel channel, String recipient, Instant now) {
        long ms = now.toEpochMilli();
        long minute = ms / MINUTE;
        long hour = ms / HOUR;
        List<String> args = List.of("EVAL", SCRIPT, "3",
                keys.alertRateLimitChannel(channel.wire(), minute),
                keys.alertRateLimitRecipient(channel.wire(), hash(channel, recipient), hour),
                keys.alertRateLimitGlobal(minute),
                Integer.toString(perMinute(channel)), Long.toString(MINUTE * 2),
                Integer.toString(perRecipientPerHour(channel)), Long.toString(HOUR * 2),
                Integer.toString(limits.globalPerMinute()), Long.toString(MINUTE * 2));
        return redis.execute(args.get(0), args.subList(1, args.size()).toArray(String[]::new))
                .map(reply -> {
                    int blocked = reply.toInteger();
                    if (blocked == 0) {
                        return new Decision(true, null, now);
                    }
                    long window = blocked == 2 ? HOUR : MINUTE;
                    return new Decision(false, LIMIT_TYPES[blocked], Instant.ofEpochMilli((ms / window + 1) * window));
                })
                .ifNoItem().after(Duration.ofSeconds(2)).fail()
                .onFailure().recoverWithItem(e -> {
                    Log.warnf("rate limits not checked (Redis: %s); sending anyway", e.getMessage());
                    return new Decision(true, null, now);
                });
    }

    private int perMinute(Channel channel) {
        return switch (channel) {
            case EMAIL -> limits.emailPerMinute();
            case SLACK -> limits.slackPerMinute();
            case SMS -> limits.smsPerMinute();
            case PAGERDUTY -> limits.pagerdutyPerMinute();
        };
    }

    private int perRecipientPerHour(Channel channel) {
        return switch (channel) {
            case EMAIL -> limits.emailPerRecipientPerHour();
            case SLACK -> limits.slackPerRecipientPerHour();
            case SMS -> limits.smsPerRecipientPerHour();
            case PAGERDUTY -> limits.pagerdutyPerRecipientPerHour();
        };
    }

    /** First 16 hex digits of SHA-256("channel:recipient"): no phone numbers or addresses in Redis key names. */
    static String hash(Channel channel, String recipient) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest((channel.wire() + ":" + recipient).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
