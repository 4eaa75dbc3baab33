package io.tripwire.signal.artifact;

import com.fasterxml.jackson.databind.JsonNode;
import io.tripwire.signal.feature.FeatureNames;
import io.tripwire.signal.web.FieldErrors;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * What the signal service reads from an artifact's payload: a logistic model over known features and the
 * symbols it is for. The payload also carries {@code sizing}, {@code risk_profile} (required objects) and
 * {@code backtest} metrics (optional object), which are hashed and kept but not interpreted here.
 *
 * <pre>{"model": {"type": "logistic", "weights": {"mom_20": 1.2, "rsi_14": 0.01}, "bias": -0.5},
 *  "symbols": ["AAPL"], "sizing": {...}, "risk_profile": {...}, "backtest": {...}}</pre>
 */
public record ArtifactPayload(Map<String, Double> weights, double bias, List<String> symbols) {

    public static final Pattern SYMBOL = Pattern.compile("[A-Z0-9.]{1,16}");

    public ArtifactPayload {
        weights = Map.copyOf(weights);
        symbols = List.copyOf(symbols);
    }

    /** Reads and checks a payload; problems are added to {@code errors} under {@code payload.*} and null is returned. */
    public static ArtifactPayload read(JsonNode payload, FieldErrors errors) {
        if (payload == null || !payload.isObject()) {
            errors.add("payload", "must be a JSON object");
            return null;
        }
        int before = errorCount(errors);
        JsonNode model = payload.get("model");
        Map<String, Double> weights = new LinkedHashMap<>();
        double bias = 0;
        if (model == null || !model.isObject()) {
            errors.add("payload.model", "must be an object {type, weights, bias}");
        } else {
            if (!"logistic".equals(model.path("type").asText(null))) {
                errors.add("payload.model.type", "must be \"logistic\"");
            }
            JsonNode w = model.get("weights");
            if (w == null || !w.isObject() || w.isEmpty()) {
                errors.add("payload.model.weights", "must be a non-empty object of feature -> number");
            } else {
                w.properties().forEach(e -> {
                    if (!FeatureNames.KNOWN.contains(e.getKey())) {
                        errors.add("payload.model.weights." + e.getKey(), "unknown feature (known: " + FeatureNames.ALL + ")");
                    } else if (!finite(e.getValue())) {
                        errors.add("payload.model.weights." + e.getKey(), "must be a finite number");
                    } else {
                        weights.put(e.getKey(), e.getValue().doubleValue());
                    }
                });
            }
            JsonNode b = model.get("bias");
            if (!finite(b)) {
                errors.add("payload.model.bias", "must be a finite number");
            } else {
                bias = b.doubleValue();
            }
        }
        List<String> symbols = new ArrayList<>();
        JsonNode s = payload.get("symbols");
        if (s == null || !s.isArray() || s.isEmpty()) {
            errors.add("payload.symbols", "must be a non-empty array of symbols");
        } else {
            s.forEach(item -> {
                String symbol = item.isTextual() ? item.asText().toUpperCase(Locale.ROOT) : null;
                if (symbol == null || !SYMBOL.matcher(symbol).matches()) {
                    errors.add("payload.symbols", "every symbol must match " + SYMBOL.pattern());
                } else if (!symbols.contains(symbol)) {
                    symbols.add(symbol);
                }
            });
        }
        for (String required : List.of("sizing", "risk_profile")) {
            JsonNode node = payload.get(required);
            if (node == null || !node.isObject()) {
                errors.add("payload." + required, "must be an object");
            }
        }
        JsonNode backtest = payload.get("backtest");
        if (backtest != null && !backtest.isObject()) {
            errors.add("payload.backtest", "must be an object of metrics");
        }
        return errorCount(errors) == before ? new ArtifactPayload(weights, bias, symbols) : null;
    }

    private static boolean finite(JsonNode node) {
        return node != null && node.isNumber() && Double.isFinite(node.doubleValue());
    }

    private static int errorCount(FieldErrors errors) {
        return errors.isEmpty() ? 0 : errors.size();
    }
}
