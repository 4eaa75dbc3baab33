package io.tripwire.console.audit;

import io.quarkus.qute.TemplateData;
import io.vertx.mutiny.sqlclient.Tuple;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

/**
 * The Audit log page's filters as typed: {@code from} / {@code to} UTC dates (yyyy-mm-dd, both days included),
 * {@code action} (exact), {@code user} (an actor exactly, or a username: {@code operator:<user>} / {@code key:<user>}),
 * {@code page} (1-based). {@link #problem} says what is wrong; nothing is queried then.
 */
@TemplateData
public record AuditFilter(String from, String to, String action, String user, int page, String problem) {

    static final String WHERE = " WHERE ($1::timestamptz IS NULL OR occurred_at >= $1::timestamptz)"
            + " AND ($2::timestamptz IS NULL OR occurred_at < $2::timestamptz)"
            + " AND ($3::text IS NULL OR action = $3::text)"
            + " AND ($4::text IS NULL OR actor = $4::text OR actor = 'operator:' || $4::text OR actor = 'key:' || $4::text)";

    public static AuditFilter of(String from, String to, String action, String user, String page) {
        String f = clean(from);
        String t = clean(to);
        String problem = null;
        int number = 1;
        try {
            if (f != null && t != null && LocalDate.parse(f).isAfter(LocalDate.parse(t))) {
                problem = "The from date is after the to date.";
            } else {
                day(f);
                day(t);
            }
        } catch (DateTimeParseException e) {
            problem = "Dates are yyyy-mm-dd (UTC).";
        }
        if (page != null && !page.isBlank()) {
            number = page.strip().matches("[1-9][0-9]{0,6}") ? Integer.parseInt(page.strip()) : 0;
            if (number == 0) {
                problem = "The page is a number from 1.";
            }
        }
        String a = clean(action);
        String u = clean(user);
        if ((a != null && a.length() > 100) || (u != null && u.length() > 100)) {
            problem = "Action and user are at most 100 characters.";
        }
        return new AuditFilter(f == null ? "" : f, t == null ? "" : t, a == null ? "" : a, u == null ? "" : u,
                Math.max(number, 1), problem);
    }

    /** The parameters of {@link #WHERE}. */
    Tuple parameters() {
        OffsetDateTime start = day(blank(from));
        OffsetDateTime end = day(blank(to));
        return Tuple.tuple().addOffsetDateTime(start).addOffsetDateTime(end == null ? null : end.plusDays(1))
                .addString(blank(action)).addString(blank(user));
    }

    /** The filters as a query string (for the pager and the export link), without the page. */
    public String query() {
        return "from=" + enc(from) + "&to=" + enc(to) + "&action=" + enc(action) + "&user=" + enc(user);
    }

    private static OffsetDateTime day(String date) {
        return date == null ? null : LocalDate.parse(date).atStartOfDay().atOffset(ZoneOffset.UTC);
    }

    private static String clean(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    private static String blank(String value) {
        return value == null || value.isEmpty() ? null : value;
    }

    private static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
