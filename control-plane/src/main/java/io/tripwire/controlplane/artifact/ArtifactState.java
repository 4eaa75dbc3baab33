package io.tripwire.controlplane.artifact;

import java.util.EnumSet;
import java.util.Set;

/**
 * Approval state of a strategy artifact (seed 000). The legal moves are the ones the database trigger of
 * {@code V10__strategy_artifacts.sql} enforces too: DRAFT → VALIDATED → REVIEWED → APPROVED → ACTIVE →
 * DEPRECATED; REVOKED from any state and final; APPROVED → DEPRECATED and DEPRECATED → APPROVED are the two
 * halves of a rollback. Only APPROVED and ACTIVE artifacts may be used.
 */
public enum ArtifactState {
    DRAFT, VALIDATED, REVIEWED, APPROVED, ACTIVE, DEPRECATED, REVOKED;

    /** States whose artifacts a service may load and trade with. */
    public static final Set<ArtifactState> USABLE = EnumSet.of(APPROVED, ACTIVE);

    /** Whether moving from this state to {@code target} is legal. */
    public boolean canMoveTo(ArtifactState target) {
        if (this == REVOKED || target == this) {
            return false;
        }
        if (target == REVOKED) {
            return true;
        }
        return switch (this) {
            case DRAFT -> target == VALIDATED;
            case VALIDATED -> target == REVIEWED;
            case REVIEWED -> target == APPROVED;
            case APPROVED -> target == ACTIVE || target == DEPRECATED;
            case ACTIVE -> target == DEPRECATED;
            case DEPRECATED -> target == APPROVED;
            case REVOKED -> false;
        };
    }

    /** The next approval step (DRAFT → VALIDATED → REVIEWED → APPROVED), or {@code null} past APPROVED. */
    public ArtifactState nextApprovalStep() {
        return switch (this) {
            case DRAFT -> VALIDATED;
            case VALIDATED -> REVIEWED;
            case REVIEWED -> APPROVED;
            default -> null;
        };
    }

    public boolean usable() {
        return USABLE.contains(this);
    }
}
