package io.tripwire.signal.artifact;

import static io.tripwire.controlplane.artifact.ArtifactState.ACTIVE;
import static io.tripwire.controlplane.artifact.ArtifactState.APPROVED;
import static io.tripwire.controlplane.artifact.ArtifactState.DEPRECATED;
import static io.tripwire.controlplane.artifact.ArtifactState.DRAFT;
import static io.tripwire.controlplane.artifact.ArtifactState.REVIEWED;
import static io.tripwire.controlplane.artifact.ArtifactState.REVOKED;
import static io.tripwire.controlplane.artifact.ArtifactState.VALIDATED;
import static org.assertj.core.api.Assertions.assertThat;

import io.tripwire.controlplane.artifact.ArtifactState;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Every one of the 49 (from, to) pairs of the artifact state machine, legal or not. Plain JUnit: pure logic. */
class ArtifactStateTest {

    /** The whole legal table; everything else is illegal. */
    static final Map<ArtifactState, Set<ArtifactState>> LEGAL = Map.of(
            DRAFT, Set.of(VALIDATED, REVOKED),
            VALIDATED, Set.of(REVIEWED, REVOKED),
            REVIEWED, Set.of(APPROVED, REVOKED),
            APPROVED, Set.of(ACTIVE, DEPRECATED, REVOKED),
            ACTIVE, Set.of(DEPRECATED, REVOKED),
            DEPRECATED, Set.of(APPROVED, REVOKED),
            REVOKED, Set.of());

    @Test
    void everyPairIsLegalExactlyWhenTheTableSaysSo() {
        int legal = 0;
        for (ArtifactState from : ArtifactState.values()) {
            for (ArtifactState to : ArtifactState.values()) {
                boolean expected = LEGAL.get(from).contains(to);
                assertThat(from.canMoveTo(to)).as(from + " -> " + to).isEqualTo(expected);
                legal += expected ? 1 : 0;
            }
        }
        assertThat(legal).isEqualTo(13);
    }

    @Test
    void revokedIsFinalAndReachableFromEveryOtherState() {
        for (ArtifactState s : ArtifactState.values()) {
            assertThat(REVOKED.canMoveTo(s)).as("REVOKED -> " + s).isFalse();
            assertThat(s.canMoveTo(REVOKED)).as(s + " -> REVOKED").isEqualTo(s != REVOKED);
        }
    }

    @Test
    void approvalStepsWalkDraftToApprovedAndStopThere() {
        assertThat(DRAFT.nextApprovalStep()).isEqualTo(VALIDATED);
        assertThat(VALIDATED.nextApprovalStep()).isEqualTo(REVIEWED);
        assertThat(REVIEWED.nextApprovalStep()).isEqualTo(APPROVED);
        for (ArtifactState s : Set.of(APPROVED, ACTIVE, DEPRECATED, REVOKED)) {
            assertThat(s.nextApprovalStep()).as(s.name()).isNull();
        }
        assertThat(ArtifactState.USABLE).containsExactlyInAnyOrder(APPROVED, ACTIVE);
    }
}
