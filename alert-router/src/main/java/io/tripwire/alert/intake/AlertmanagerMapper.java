package io.tripwire.alert.intake;

import io.tripwire.alert.web.FieldErrors;
import io.tripwire.controlplane.alert.Severity;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Alertmanager alerts → Tripwire alerts. Dedup key {@code am:<fingerprint>} (computed from the sorted labels when
 * absent), so firing and resolved of one alert correlate; severity from the {@code severity} label (critical/page,
 * warning, info/none; anything else counts as warning and is kept in details); summary from the summary
 * annotation, else alertname; created_at is the receipt time (Alertmanager's own wait is not ours to measure).
 */
public final class AlertmanagerMapper {

    private AlertmanagerMapper() {
    }

    public static List<IncomingAlert> map(AlertmanagerPayload payload, int maxBatch, Instant now) {
        if (payload == null || payload.alerts() == null || payload.alerts().isEmpty()) {
            throw FieldErrors.invalid("alerts", "must hold at least one alert");
        }
        if (payload.alerts().size() > maxBatch) {
            throw FieldErrors.invalid("alerts", "more than " + maxBatch + " alerts in one call");
        }
        FieldErrors errors = new FieldErrors();
        List<IncomingAlert> alerts = new ArrayList<>();
        for (int i = 0; i < payload.alerts().size(); i++) {
            AlertmanagerPayload.Item item = payload.alerts().get(i);
            String at = "alerts[" + i + "]";
            if (item == null || item.labels() == null || item.labels().isEmpty() || item.labels().get("alertname") == null) {
                errors.add(at + ".labels", "must contain alertname");
                continue;
            }
            if (!"firing".equals(item.status()) && !"resolved".equals(item.status())) {
                errors.add(at + ".status", "must be firing or resolved");
                continue;
            }
            alerts.add(toAlert(payload, item, now));
        }
        errors.throwIfAny();
        return alerts;
    }

    private static IncomingAlert toAlert(AlertmanagerPayload payload, AlertmanagerPayload.Item item, Instant now) {
        Map<String, String> labels = new TreeMap<>(item.labels());
        Map<String, String> annotations = item.annotations() == null ? Map.of() : item.annotations();
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("labels", labels);
        details.put("annotations", annotations);
        put(details, "starts_at", item.startsAt());
        put(details, "ends_at", item.endsAt());
        put(details, "generator_url", item.generatorURL());
        put(details, "receiver", payload.receiver());
        put(details, "external_url", payload.externalURL());
        String summary = annotations.getOrDefault("summary", labels.get("alertname"));
        String source = labels.getOrDefault("job", "alertmanager");
        String fingerprint = item.fingerprint() != null && item.fingerprint().matches("[0-9a-zA-Z]{1,64}")
                ? item.fingerprint() : fingerprint(labels);
        return new IncomingAlert(severity(labels.get("severity")), StreamEntryParser.clip(source), StreamEntryParser.clip(summary),
                details, labels, "am:" + fingerprint, "resolved".equals(item.status()), now,
                IncomingAlert.Intake.ALERTMANAGER, null, null);
    }

    static Severity severity(String label) {
        String value = label == null ? "" : label.toLowerCase(Locale.ROOT);
        return switch (value) {
            case "critical", "page", "error" -> Severity.CRITICAL;
            case "info", "none" -> Severity.INFO;
            default -> Severity.WARNING;
        };
    }

    private static void put(Map<String, Object> details, String key, Object value) {
        if (value != null) {
            details.put(key, value.toString());
        }
    }

    static String fingerprint(Map<String, String> sortedLabels) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(sortedLabels.toString().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
