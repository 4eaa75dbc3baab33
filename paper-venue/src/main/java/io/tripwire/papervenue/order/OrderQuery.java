package io.tripwire.papervenue.order;

import io.tripwire.papervenue.alpaca.AlpacaException;
import io.vertx.mutiny.sqlclient.Tuple;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Alpaca's order list filter (GET /v2/orders): status open|closed|all (default open), limit 1..500
 * (default 50), after/until on submission time (exclusive), direction asc|desc (default desc),
 * symbols (comma separated). Parameters arrive as text so bad values are answered 422, Alpaca style.
 */
public record OrderQuery(String status, int limit, Instant after, Instant until, boolean ascending, List<String> symbols) {

    static final int MAX_LIMIT = 500;

    public static OrderQuery parse(String status, String limit, String after, String until, String direction, String symbols) {
        String s = status == null ? "open" : status.toLowerCase(Locale.ROOT);
        if (!List.of("open", "closed", "all").contains(s)) {
            throw AlpacaException.invalid("status must be open, closed or all");
        }
        String d = direction == null ? "desc" : direction.toLowerCase(Locale.ROOT);
        if (!List.of("asc", "desc").contains(d)) {
            throw AlpacaException.invalid("direction must be asc or desc");
        }
        List<String> symbolList = symbols == null || symbols.isBlank() ? List.of()
                : Arrays.stream(symbols.split(",")).map(x -> x.trim().toUpperCase(Locale.ROOT)).filter(x -> !x.isEmpty()).toList();
        return new OrderQuery(s, limit(limit), time("after", after), time("until", until), d.equals("asc"), symbolList);
    }

    String whereClause() {
        List<String> conditions = new ArrayList<>();
        if (status.equals("open")) {
            conditions.add("status IN " + OrderStatus.OPEN_SQL);
        } else if (status.equals("closed")) {
            conditions.add("status NOT IN " + OrderStatus.OPEN_SQL);
        }
        int n = 1;
        if (after != null) {
            conditions.add("submitted_at > $" + n++);
        }
        if (until != null) {
            conditions.add("submitted_at < $" + n++);
        }
        if (!symbols.isEmpty()) {
            conditions.add("symbol = ANY($" + n + ")");
        }
        String where = conditions.isEmpty() ? "" : "WHERE " + String.join(" AND ", conditions) + " ";
        String order = ascending ? "ASC" : "DESC";
        return where + "ORDER BY submitted_at " + order + ", id " + order + " LIMIT " + limit;
    }

    Tuple parameters() {
        Tuple tuple = Tuple.tuple();
        if (after != null) {
            tuple.addOffsetDateTime(after.atOffset(ZoneOffset.UTC));
        }
        if (until != null) {
            tuple.addOffsetDateTime(until.atOffset(ZoneOffset.UTC));
        }
        if (!symbols.isEmpty()) {
            tuple.addArrayOfString(symbols.toArray(String[]::new));
        }
        return tuple;
    }

    private static int limit(String raw) {
        if (raw == null) {
            return 50;
        }
        try {
            int value = Integer.parseInt(raw.trim());
            if (value < 1 || value > MAX_LIMIT) {
                throw AlpacaException.invalid("limit must be between 1 and " + MAX_LIMIT);
            }
            return value;
        } catch (NumberFormatException e) {
            throw AlpacaException.invalid("limit must be an integer");
        }
    }

    /** RFC 3339 timestamp, or a date (midnight UTC), as Alpaca accepts both. */
    private static Instant time(String name, String raw) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        try {
            return raw.length() == 10 ? LocalDate.parse(raw).atStartOfDay().toInstant(ZoneOffset.UTC)
                    : OffsetDateTime.parse(raw).toInstant();
        } catch (DateTimeParseException e) {
            throw AlpacaException.invalid(name + " must be an RFC 3339 timestamp");
        }
    }
}
