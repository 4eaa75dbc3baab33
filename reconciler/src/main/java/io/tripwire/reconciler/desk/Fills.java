package io.tripwire.reconciler.desk;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tripwire.controlplane.reject.RejectCode;
import io.tripwire.controlplane.reject.RejectException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A fills confirmation as a person submits it ({@code FILLS_JSON}):
 * <pre>{"ticket_id": "T-…", "fills": [{"sequence": 1, "status": "DONE", "units": "2.5", "price": "101.2"}], "notes": "…"}</pre>
 * Parsing and the checks against the ticket's lines refuse with a 400 naming the problem; nothing is stored
 * until every line of the submission is valid.
 */
public final class Fills {

    /** One reported line: DONE and PARTIAL need units &gt; 0 and a price &gt; 0; SKIPPED and FAILED have none. */
    public record Fill(int sequence, String status, BigDecimal units, BigDecimal price) {
    }

    public record Submission(String ticketId, List<Fill> fills, String notes) {
    }

    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    private static final Set<String> STATUSES = Set.of("DONE", "SKIPPED", "FAILED", "PARTIAL");

    private Fills() {
    }

    public static Submission parse(String text) {
        JsonNode root;
        try {
            root = text == null || text.isBlank() ? null : JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw invalid("body", "fills are not valid JSON: " + e.getOriginalMessage());
        }
        if (root == null || !root.isObject()) {
            throw invalid("body", "fills must be a JSON object {ticket_id, fills: [...]}");
        }
        String ticketId = root.path("ticket_id").isTextual() ? root.get("ticket_id").asText() : null;
        if (ticketId == null || ticketId.isBlank()) {
            throw invalid("ticket_id", "ticket_id is required (the id printed by make run-1400)");
        }
        JsonNode list = root.path("fills");
        if (!list.isArray() || list.isEmpty()) {
            throw invalid("fills", "fills must be a non-empty array");
        }
        List<Fill> fills = new ArrayList<>();
        Set<Integer> seen = new HashSet<>();
        for (int i = 0; i < list.size(); i++) {
            Fill f = fill(list.get(i), "fills[" + i + "]");
            if (!seen.add(f.sequence())) {
                throw invalid("fills[" + i + "].sequence", "line " + f.sequence() + " is reported twice");
            }
            fills.add(f);
        }
        String notes = root.path("notes").isTextual() ? root.get("notes").asText() : null;
        return new Submission(ticketId, List.copyOf(fills), notes);
    }

    private static Fill fill(JsonNode n, String at) {
        if (!n.isObject() || !n.path("sequence").canConvertToInt() || !n.path("sequence").isIntegralNumber()) {
            throw invalid(at + ".sequence", "each fill needs an integer sequence (the ticket line number)");
        }
        String status = n.path("status").asText("");
        if (!STATUSES.contains(status)) {
            throw invalid(at + ".status", "status must be one of DONE, PARTIAL, SKIPPED, FAILED");
        }
        BigDecimal units = decimal(n.get("units"), at + ".units");
        BigDecimal price = decimal(n.get("price"), at + ".price");
        boolean executed = "DONE".equals(status) || "PARTIAL".equals(status);
        if (executed && (units == null || units.signum() <= 0 || price == null || price.signum() <= 0)) {
            throw invalid(at, status + " needs units > 0 and price > 0");
        }
        if (!executed && units != null && units.signum() != 0) {
            throw invalid(at + ".units", status + " means nothing was executed: units must be 0 or absent");
        }
        return new Fill(n.get("sequence").asInt(), status, executed ? units : BigDecimal.ZERO, executed ? price : null);
    }

    private static BigDecimal decimal(JsonNode n, String at) {
        if (n == null || n.isNull()) {
            return null;
        }
        try {
            if (n.isNumber() || n.isTextual()) {
                return new BigDecimal(n.asText().strip());
            }
        } catch (NumberFormatException e) {
            // below
        }
        throw invalid(at, "must be a decimal number");
    }

    /** Checks a parsed submission against the ticket's lines. */
    public static void check(Submission s, List<Ticket.Line> lines) {
        for (Fill f : s.fills()) {
            Ticket.Line line = lines.stream().filter(l -> l.sequence() == f.sequence()).findFirst()
                    .orElseThrow(() -> invalid("fills.sequence", "ticket " + s.ticketId() + " has no line " + f.sequence()));
            if (f.units().compareTo(line.units()) > 0) {
                throw invalid("fills.units", "line " + f.sequence() + " reports " + f.units() + " units, more than the "
                        + line.units() + " of the ticket");
            }
            if ("PARTIAL".equals(f.status()) && f.units().compareTo(line.units()) == 0) {
                throw invalid("fills.status", "line " + f.sequence() + " is PARTIAL but reports every unit: use DONE");
            }
        }
    }

    static RejectException invalid(String field, String message) {
        return new RejectException(RejectCode.VALIDATION_FAILED, message, Map.of("fields", Map.of(field, message)));
    }
}
