package io.tripwire.cli.bootstrap;

import java.nio.file.Path;
import java.time.Instant;

/** What one bootstrap run found and did. */
public record BootstrapReport(OperatorOutcome operator, KeyOutcome key, KeyOutcome signalKey) {

    /** {@code created} false: operators existed already, nothing was touched. */
    public record OperatorOutcome(boolean created, String username, long existing, Path passwordFile) {
    }

    /**
     * {@code issuedBecause} null: the key file held a usable key that was kept; otherwise why a new key
     * was issued (missing file, revoked, expired, unknown to this database, ...).
     */
    public record KeyOutcome(String issuedBecause, String displayKey, Instant expiresAt, Path keyFile) {

        public boolean issued() {
            return issuedBecause != null;
        }
    }

    /** True when the run changed nothing (the idempotent second run). */
    public boolean unchanged() {
        return !operator.created() && !key.issued() && !signalKey.issued();
    }
}
