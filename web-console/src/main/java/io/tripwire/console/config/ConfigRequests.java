package io.tripwire.console.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import io.tripwire.controlplane.reject.RejectCode;
import io.tripwire.controlplane.reject.RejectException;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/** Request bodies of the configuration API, and their values as text (numbers and strings; null = back to default). */
public final class ConfigRequests {

    private ConfigRequests() {
    }

    /** {@code POST /preview}: the settings to change. */
    public record Preview(Map<String, JsonNode> settings) {
    }

    /** {@code PUT}: the settings to change, why, and optionally the version the preview was made against. */
    public record Apply(Map<String, JsonNode> settings, String reason,
                        @JsonProperty("expected_version") Long expectedVersion) {
    }

    /** Field name → value as text; a value that is neither text, number nor null is a 400 naming the field. */
    public static Map<String, String> asText(Map<String, JsonNode> settings) {
        if (settings == null || settings.isEmpty()) {
            throw new RejectException(RejectCode.VALIDATION_FAILED, "configuration refused: nothing was saved",
                    Map.of("fields", Map.of("settings", "name at least one setting")));
        }
        Map<String, String> out = new HashMap<>();
        Map<String, String> problems = new TreeMap<>();
        settings.forEach((name, node) -> {
            if (node == null || node.isNull()) {
                out.put(name, null);
            } else if (node.isTextual() || node.isNumber()) {
                out.put(name, node.asText());
            } else {
                problems.put(name, "must be a number, a text or null (the default)");
            }
        });
        if (!problems.isEmpty()) {
            throw new RejectException(RejectCode.VALIDATION_FAILED, "configuration refused: nothing was saved",
                    Map.of("fields", problems));
        }
        return out;
    }
}
