package io.tripwire.signal.artifact;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/** Request bodies of the artifacts API (snake_case JSON). */
public final class ArtifactRequests {

    private ArtifactRequests() {
    }

    /** POST /api/v1/artifacts: a new DRAFT. {@code artifact_id} is made up ({@code strat_<name>_<UTC time>}) when absent. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Create(String artifactId, String strategyName, String strategyVersion, JsonNode payload) {
    }

    /** POST /api/v1/artifacts/{id}/approve: one approval step. {@code approver} defaults to the calling key. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Approve(String approver, String type, String notes) {
    }

    /** activate / deprecate / revoke: why. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Reason(String reason) {
    }

    /** POST /api/v1/artifacts/rollback: re-approve {@code to} (a DEPRECATED artifact), deprecate its strategy's current ones. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Rollback(String to, String reason) {
    }
}
