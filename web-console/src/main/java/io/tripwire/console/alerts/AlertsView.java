package io.tripwire.console.alerts;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.qute.TemplateData;
import io.tripwire.console.upstream.UpstreamResponse;
import io.tripwire.console.web.Json;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/** The Alerts page: alert-router's routing rules, its recent deliveries with latency and its poison queue. */
@TemplateData
public record AlertsView(String rulesProblem, List<RuleRow> rules, String deliveriesProblem, List<DeliveryRow> deliveries,
                         String poisonProblem, List<DeliveryRow> poison) {

    /** One rule, as listed. */
    @TemplateData
    public record RuleRow(long id, String name, String priority, String severities, String targets, String escalation,
                          String labels, boolean stopOnMatch, boolean enabled, String createdBy, String updatedAt) {
    }

    /** One delivery; {@code latency} from the alert's delivery row created to delivered (empty while not delivered). */
    @TemplateData
    public record DeliveryRow(long id, long alertId, String channel, String recipient, String kind, String status,
                              String severity, int retryCount, String createdAt, String deliveredAt, String latency,
                              String error) {

        public boolean retryable() {
            return status.equals("poison") || status.equals("expired") || status.equals("failed");
        }
    }

    public static AlertsView of(UpstreamResponse rules, UpstreamResponse deliveries, UpstreamResponse poison) {
        List<RuleRow> ruleRows = new ArrayList<>();
        for (JsonNode r : rules.ok() ? rules.body() : Json.EMPTY) {
            RuleForm form = RuleForm.of(r);
            ruleRows.add(new RuleRow(r.path("id").asLong(), Json.text(r, "name"), Json.text(r, "priority"),
                    String.join(", ", texts(r.path("severities"))), form.targets().replace("\n", "; "),
                    form.escalation().replace("\n", "; "), form.labels().replace("\n", ", "),
                    r.path("stop_on_match").asBoolean(), r.path("enabled").asBoolean(), Json.text(r, "created_by"),
                    Json.text(r, "updated_at")));
        }
        return new AlertsView(problem("Rules", rules), ruleRows, problem("Deliveries", deliveries), rows(deliveries),
                problem("Poison queue", poison), rows(poison));
    }

    private static List<DeliveryRow> rows(UpstreamResponse answer) {
        List<DeliveryRow> out = new ArrayList<>();
        for (JsonNode d : answer.ok() ? answer.body() : Json.EMPTY) {
            out.add(new DeliveryRow(d.path("id").asLong(), d.path("alert_id").asLong(), Json.text(d, "channel"),
                    Json.text(d, "recipient"), Json.text(d, "kind"), Json.text(d, "status"), Json.text(d, "severity"),
                    d.path("retry_count").asInt(), Json.text(d, "created_at"), Json.text(d, "delivered_at"),
                    latency(Json.text(d, "created_at"), Json.text(d, "delivered_at")), Json.text(d, "error_message")));
        }
        return out;
    }

    static String latency(String from, String to) {
        if (from.isEmpty() || to.isEmpty()) {
            return "";
        }
        try {
            return Duration.between(Instant.parse(from), Instant.parse(to)).toMillis() + " ms";
        } catch (DateTimeParseException e) {
            return "";
        }
    }

    private static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText().toLowerCase()));
        return out;
    }

    private static String problem(String what, UpstreamResponse answer) {
        return answer.ok() ? null : what + " unavailable: " + answer.problem();
    }
}
