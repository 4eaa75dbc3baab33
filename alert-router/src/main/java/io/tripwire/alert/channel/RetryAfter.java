package io.tripwire.alert.channel;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/** Reads a provider's wait hints: {@code Retry-After} (seconds or HTTP date) and SendGrid's {@code X-RateLimit-Reset} (epoch s). */
public final class RetryAfter {

    private RetryAfter() {
    }

    /** The wait a {@code Retry-After} value asks for, or null when absent or unreadable. */
    public static Duration header(String value, Clock clock) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String v = value.trim();
        if (v.chars().allMatch(Character::isDigit) && v.length() < 10) {
            return Duration.ofSeconds(Long.parseLong(v));
        }
        try {
            Instant at = ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
            return positive(Duration.between(clock.instant(), at));
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    /** The wait until an epoch-seconds reset time, or null when absent or unreadable. */
    public static Duration epochReset(String value, Clock clock) {
        if (value == null || value.isBlank() || !value.trim().chars().allMatch(Character::isDigit) || value.trim().length() > 12) {
            return null;
        }
        return positive(Duration.between(clock.instant(), Instant.ofEpochSecond(Long.parseLong(value.trim()))));
    }

    private static Duration positive(Duration d) {
        return d.isNegative() ? Duration.ZERO : d;
    }
}
