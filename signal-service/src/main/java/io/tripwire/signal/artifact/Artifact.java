package io.tripwire.signal.artifact;

import com.fasterxml.jackson.databind.JsonNode;
import io.tripwire.controlplane.artifact.ArtifactHash;
import io.tripwire.controlplane.artifact.ArtifactState;
import java.time.Instant;

/** One row of {@code strategy_artifacts}; {@code payloadJson} is the payload as PostgreSQL returns it. */
public record Artifact(
        long id,
        String artifactId,
        String strategyName,
        String strategyVersion,
        String hash,
        ArtifactState state,
        String payloadJson,
        String createdBy,
        Instant createdAt,
        Instant stateChangedAt,
        String stateChangedBy) {

    /** The payload parsed (throws {@link IllegalArgumentException} when it is not JSON). */
    public JsonNode payload() {
        return ArtifactHash.parse(payloadJson);
    }

    /** The hash recomputed from the row as stored now. */
    public String computedHash() {
        return ArtifactHash.of(artifactId, strategyName, strategyVersion, payload());
    }

    /** Whether the stored hash still matches the stored identity and payload (false for unreadable payloads). */
    public boolean hashValid() {
        try {
            return hash.equals(computedHash());
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
