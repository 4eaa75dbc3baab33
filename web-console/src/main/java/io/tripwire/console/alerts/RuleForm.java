package io.tripwire.console.alerts;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.qute.TemplateData;
import io.tripwire.console.web.Json;
import jakarta.ws.rs.core.MultivaluedMap;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The routing-rule form (create or edit) as typed: targets and escalation one {@code channel recipient} per line,
 * match labels one {@code key=value} per line. {@link #body} turns it into alert-router's {@code RuleRequest} JSON
 * (alert-router validates it; its field errors come back into {@code errors}); a line the console cannot split is a
 * field error here and nothing is sent.
 */
@TemplateData
public record RuleForm(Long id, String name, String priority, boolean info, boolean warning, boolean critical,
                       String targets, String escalation, String labels, boolean stopOnMatch, boolean enabled,
                       Map<String, String> errors) {

    public static RuleForm empty() {
        return new RuleForm(null, "", "100", false, false, true, "", "", "", true, true, Map.of());
    }

    public static RuleForm of(Long id, MultivaluedMap<String, String> form) {
        List<String> severities = form.get("severities") == null ? List.of() : form.get("severities");
        return new RuleForm(id, text(form.getFirst("name")), text(form.getFirst("priority")), severities.contains("info"),
                severities.contains("warning"), severities.contains("critical"), text(form.getFirst("targets")),
                text(form.getFirst("escalation")), text(form.getFirst("labels")), form.getFirst("stop_on_match") != null,
                form.getFirst("enabled") != null, Map.of());
    }

    /** The form of a rule as alert-router lists it. */
    public static RuleForm of(JsonNode rule) {
        List<String> severities = new ArrayList<>();
        rule.path("severities").forEach(s -> severities.add(s.asText().toLowerCase()));
        StringBuilder labels = new StringBuilder();
        rule.path("match_labels").fields().forEachRemaining(e -> labels.append(e.getKey()).append('=')
                .append(e.getValue().asText()).append('\n'));
        return new RuleForm(rule.path("id").asLong(), Json.text(rule, "name"), Json.text(rule, "priority"),
                severities.contains("info"), severities.contains("warning"), severities.contains("critical"),
                lines(rule.path("targets")), lines(rule.path("escalation")), labels.toString().strip(),
                rule.path("stop_on_match").asBoolean(true), rule.path("enabled").asBoolean(true), Map.of());
    }

    public boolean editing() {
        return id != null;
    }

    public String action() {
        return id == null ? "/console/alerts/rules" : "/console/alerts/rules/" + id;
    }

    public String error(String field) {
        return errors.get(field);
    }

    /** Every error of a field and its lines ({@code targets}, {@code targets[1]}, …), joined; null when none. */
    public String errorsOf(String field) {
        String joined = errors.entrySet().stream().filter(e -> e.getKey().equals(field) || e.getKey().startsWith(field + "["))
                .sorted(Map.Entry.comparingByKey()).map(e -> e.getKey() + ": " + e.getValue())
                .collect(java.util.stream.Collectors.joining("; "));
        return joined.isEmpty() ? null : joined;
    }

    public RuleForm withErrors(Map<String, String> found) {
        return new RuleForm(id, name, priority, info, warning, critical, targets, escalation, labels, stopOnMatch, enabled,
                Map.copyOf(found));
    }

    /** The JSON body for alert-router; field errors the console found itself go into {@code errors}. */
    public Map<String, Object> body(Map<String, String> errors) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", name);
        if (!priority.isEmpty()) {
            try {
                body.put("priority", Integer.parseInt(priority));
            } catch (NumberFormatException e) {
                errors.put("priority", "must be a whole number");
            }
        }
        List<String> severities = new ArrayList<>();
        if (info) {
            severities.add("info");
        }
        if (warning) {
            severities.add("warning");
        }
        if (critical) {
            severities.add("critical");
        }
        body.put("severities", severities);
        body.put("match_labels", pairs(labels, errors));
        body.put("targets", targets("targets", targets, errors));
        body.put("escalation", targets("escalation", escalation, errors));
        body.put("stop_on_match", stopOnMatch);
        body.put("enabled", enabled);
        return body;
    }

    private static List<Map<String, String>> targets(String field, String text, Map<String, String> errors) {
        List<Map<String, String>> out = new ArrayList<>();
        for (String line : text.split("\\R")) {
            String trimmed = line.strip();
            if (trimmed.isEmpty()) {
                continue;
            }
            String[] parts = trimmed.split("\\s+", 2);
            if (parts.length < 2) {
                errors.putIfAbsent(field, "each line: channel recipient (e.g. email ops@example.com)");
                continue;
            }
            out.add(Map.of("channel", parts[0].toLowerCase(), "recipient", parts[1].strip()));
        }
        return out;
    }

    private static Map<String, String> pairs(String text, Map<String, String> errors) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String line : text.split("\\R")) {
            String trimmed = line.strip();
            if (trimmed.isEmpty()) {
                continue;
            }
            int eq = trimmed.indexOf('=');
            if (eq <= 0) {
                errors.putIfAbsent("match_labels", "each line: key=value");
                continue;
            }
            out.put(trimmed.substring(0, eq).strip(), trimmed.substring(eq + 1).strip());
        }
        return out;
    }

    private static String lines(JsonNode targets) {
        StringBuilder out = new StringBuilder();
        targets.forEach(t -> out.append(Json.text(t, "channel")).append(' ').append(Json.text(t, "recipient")).append('\n'));
        return out.toString().strip();
    }

    private static String text(String value) {
        return value == null ? "" : value.strip();
    }
}
