package io.tripwire.signal.artifact;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** An artifact as the API shows it; {@code hash_valid} is recomputed from the row on every read. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ArtifactView(
        long id,
        String artifactId,
        String strategyName,
        String strategyVersion,
        String state,
        String hash,
        boolean hashValid,
        JsonNode payload,
        String createdBy,
        Instant createdAt,
        Instant stateChangedAt,
        String stateChangedBy,
        List<Map<String, Object>> approvals,
        List<Map<String, Object>> stateChanges) {

    public static ArtifactView of(Artifact a) {
        return of(a, null, null);
    }

    public static ArtifactView of(Artifact a, List<Map<String, Object>> approvals, List<Map<String, Object>> stateChanges) {
        JsonNode payload;
        try {
            payload = a.payload();
        } catch (IllegalArgumentException e) {
            payload = null;
        }
        return new ArtifactView(a.id(), a.artifactId(), a.strategyName(), a.strategyVersion(), a.state().name(), a.hash(),
                a.hashValid(), payload, a.createdBy(), a.createdAt(), a.stateChangedAt(), a.stateChangedBy(), approvals, stateChanges);
    }
}
