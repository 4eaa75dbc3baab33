package io.tripwire.papervenue.auth;

import io.tripwire.papervenue.PaperVenueConfig;
import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * The one key pair the paper venue accepts. Presented values are hashed before comparison so that
 * {@link MessageDigest#isEqual} sees equal-length inputs: neither content nor length leaks by timing.
 */
@Singleton
public class AlpacaCredentials {

    /** Outcome of a credential check. */
    public enum Verdict { MISSING, WRONG, VALID }

    private final byte[] keyIdDigest;
    private final byte[] secretDigest;

    public AlpacaCredentials(PaperVenueConfig config) {
        this.keyIdDigest = sha256(config.keyId());
        this.secretDigest = sha256(config.secretKey());
    }

    public Verdict check(String keyId, String secret) {
        if (keyId == null || keyId.isBlank() || secret == null || secret.isBlank()) {
            return Verdict.MISSING;
        }
        // Both comparisons always run: no early exit that would tell which half was wrong.
        boolean keyMatches = MessageDigest.isEqual(keyIdDigest, sha256(keyId));
        boolean secretMatches = MessageDigest.isEqual(secretDigest, sha256(secret));
        return keyMatches & secretMatches ? Verdict.VALID : Verdict.WRONG;
    }

    private static byte[] sha256(String value) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 missing from the JDK", e);
        }
    }
}
