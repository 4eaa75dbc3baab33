package io.tripwire.signal.model;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.security.Authenticated;
import io.tripwire.controlplane.reject.RejectBody;
import io.tripwire.signal.artifact.ArtifactPayload;
import io.tripwire.signal.feature.FeatureNames;
import io.tripwire.signal.web.FieldErrors;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Seed 001's {@code POST /api/ai/consensus {symbol, features}}: the answer of the loaded model for the symbol,
 * {@code {signal, prob_long, prob_short, confidence, model_version, allow, threshold}}; 400 VALIDATION_FAILED on
 * a bad body or features; 503 MODEL_SERVICE_UNAVAILABLE when no usable (approved, hash-verified) model is loaded.
 */
@Path("/api/ai/consensus")
@Authenticated
public class ConsensusResource {

    /** Reject code of "no usable model"; RejectCode has no such constant yet (local until control-plane adds one). */
    public static final String MODEL_SERVICE_UNAVAILABLE = io.tripwire.controlplane.reject.RejectCode.MODEL_SERVICE_UNAVAILABLE.name();

    private final ConsensusService consensus;

    public ConsensusResource(ConsensusService consensus) {
        this.consensus = consensus;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Response consensus(JsonNode body) {
        FieldErrors errors = new FieldErrors();
        if (body == null || !body.isObject()) {
            throw FieldErrors.invalid("body", "must be a JSON object {symbol, features}");
        }
        String symbol = body.path("symbol").isTextual() ? body.get("symbol").asText().toUpperCase(Locale.ROOT) : null;
        errors.matching("symbol", symbol, ArtifactPayload.SYMBOL, "a symbol (" + ArtifactPayload.SYMBOL.pattern() + ")");
        Map<String, Double> features = new LinkedHashMap<>();
        JsonNode given = body.get("features");
        if (given == null || !given.isObject() || given.isEmpty()) {
            errors.add("features", "must be a non-empty object of feature -> number");
        } else {
            given.properties().forEach(e -> {
                if (!FeatureNames.KNOWN.contains(e.getKey())) {
                    errors.add("features." + e.getKey(), "unknown feature (known: " + FeatureNames.ALL + ")");
                } else if (!e.getValue().isNumber() || !Double.isFinite(e.getValue().doubleValue())) {
                    errors.add("features." + e.getKey(), "must be a finite number");
                } else {
                    features.put(e.getKey(), e.getValue().doubleValue());
                }
            });
        }
        errors.throwIfAny();
        LoadedModel model = consensus.model(symbol).orElse(null);
        if (model == null) {
            consensus.count("api", "no_model");
            return Response.status(503).type(MediaType.APPLICATION_JSON_TYPE).entity(new RejectBody(MODEL_SERVICE_UNAVAILABLE,
                    "no approved, hash-verified model is loaded for " + symbol,
                    Map.of("error", "model_service_unavailable", "symbol", symbol))).build();
        }
        for (String needed : model.weights().keySet()) {
            if (!features.containsKey(needed)) {
                errors.add("features." + needed, "is required by model " + model.artifactId());
            }
        }
        errors.throwIfAny();
        Decision decision = consensus.decide(model, features);
        consensus.count("api", decision.outcome());
        return Response.ok(decision, MediaType.APPLICATION_JSON_TYPE).build();
    }
}
