package io.tripwire.controlplane.riskconfig;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One risk setting an administrator may change at run time: its property name (as the service reads it,
 * e.g. {@code gateway.risk.max-order-notional}), kind, the service's default, bounds, and which way is safer.
 *
 * @param higherIsSafer true where raising the value tightens risk (confidence threshold, quiet period)
 */
public record RiskField(String name, Kind kind, String defaultValue, String min, String max, boolean higherIsSafer,
                        String service, String description) {

    /** How a value is written and read. No floating point: decimals are {@link BigDecimal}. */
    public enum Kind { DECIMAL, INTEGER, DURATION }

    private static final Pattern DURATION = Pattern.compile("(\\d{1,9})(ms|s|m|h)?");
    private static final int MAX_SCALE = 8;
    private static final int MAX_PRECISION = 20;

    public RiskField {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(kind, "kind");
        if (parse(kind, defaultValue) == null || parse(kind, min) == null || parse(kind, max) == null) {
            throw new IllegalArgumentException("bad catalog entry " + name);
        }
    }

    /** The value in its Java type ({@link BigDecimal}, {@link Integer}, {@link Duration}), or null when it is not one. */
    public Object parse(String raw) {
        return parse(kind, raw);
    }

    private static Object parse(Kind kind, String raw) {
        if (raw == null || raw.isBlank() || raw.length() > 32) {
            return null;
        }
        String text = raw.trim();
        return switch (kind) {
            case DECIMAL -> decimal(text);
            case INTEGER -> integer(text);
            case DURATION -> duration(text);
        };
    }

    /** Null when {@code raw} is an acceptable value; else what is wrong with it, for the field error. */
    public String problem(String raw) {
        Object value = parse(raw);
        if (value == null) {
            return switch (kind) {
                case DECIMAL -> "must be a decimal number (at most " + MAX_SCALE + " decimals)";
                case INTEGER -> "must be a whole number";
                case DURATION -> "must be a duration such as 500ms, 10s, 2m or 1h";
            };
        }
        if (compare(value, parse(min)) < 0 || compare(value, parse(max)) > 0) {
            return "must be between " + min + " and " + max;
        }
        return null;
    }

    /** The stored spelling of a valid value: plain decimals, whole numbers, durations in ms/s. */
    public String normalize(String raw) {
        Object value = parse(raw);
        if (value instanceof BigDecimal d) {
            return d.signum() == 0 ? "0" : d.stripTrailingZeros().toPlainString();
        }
        if (value instanceof Duration d) {
            return d.toMillis() % 1000 == 0 ? d.toSeconds() + "s" : d.toMillis() + "ms";
        }
        return String.valueOf(value);
    }

    /** Negative when {@code a} is the safer of the two values, positive when {@code b} is, zero when equal. */
    public int saferFirst(Object a, Object b) {
        int c = compare(a, b);
        return higherIsSafer ? -c : c;
    }

    @SuppressWarnings("unchecked")
    static int compare(Object a, Object b) {
        return ((Comparable<Object>) a).compareTo(b);
    }

    private static BigDecimal decimal(String text) {
        try {
            BigDecimal d = new BigDecimal(text);
            return d.scale() > MAX_SCALE || d.precision() > MAX_PRECISION ? null : d;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static Integer integer(String text) {
        BigDecimal d = decimal(text);
        if (d == null || d.stripTrailingZeros().scale() > 0) {
            return null;
        }
        try {
            return d.intValueExact();
        } catch (ArithmeticException e) {
            return null;
        }
    }

    private static Duration duration(String text) {
        Matcher m = DURATION.matcher(text.toLowerCase(Locale.ROOT));
        if (m.matches()) {
            long n = Long.parseLong(m.group(1));
            return switch (m.group(2) == null ? "s" : m.group(2)) {
                case "ms" -> Duration.ofMillis(n);
                case "m" -> Duration.ofMinutes(n);
                case "h" -> Duration.ofHours(n);
                default -> Duration.ofSeconds(n);
            };
        }
        try {
            return text.toUpperCase(Locale.ROOT).startsWith("PT") ? Duration.parse(text) : null;
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
