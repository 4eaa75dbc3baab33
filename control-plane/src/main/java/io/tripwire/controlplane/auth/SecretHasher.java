package io.tripwire.controlplane.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.security.spec.InvalidKeySpecException;
import java.util.HexFormat;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * Hashing of secrets with the JDK's providers. API-key secrets carry 256 random bits, so a salted
 * SHA-256 is enough and keeps per-request checks cheap; operator passwords are low-entropy and get
 * PBKDF2-HMAC-SHA256. Every comparison is constant-time.
 */
public final class SecretHasher {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final HexFormat HEX = HexFormat.of();
    private static final int PBKDF2_ITERATIONS = 210_000;

    private SecretHasher() {
    }

    public static String newSalt() {
        byte[] salt = new byte[16];
        RANDOM.nextBytes(salt);
        return HEX.formatHex(salt);
    }

    public static String hashApiKeySecret(String saltHex, String secret) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(HEX.parseHex(saltHex));
            return HEX.formatHex(sha.digest(secret.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 missing from the JDK", e);
        }
    }

    public static boolean apiKeySecretMatches(String saltHex, String expectedHashHex, String secret) {
        byte[] expected = HEX.parseHex(expectedHashHex);
        byte[] actual = HEX.parseHex(hashApiKeySecret(saltHex, secret));
        return MessageDigest.isEqual(expected, actual);
    }

    /** {@code pbkdf2$<iterations>$<salt hex>$<hash hex>}. */
    public static String hashPassword(char[] password) {
        String salt = newSalt();
        return "pbkdf2$" + PBKDF2_ITERATIONS + "$" + salt + "$" + HEX.formatHex(pbkdf2(password, salt, PBKDF2_ITERATIONS));
    }

    public static boolean passwordMatches(String stored, char[] password) {
        String[] parts = stored.split("\\$");
        if (parts.length != 4 || !parts[0].equals("pbkdf2")) {
            return false;
        }
        byte[] expected = HEX.parseHex(parts[3]);
        return MessageDigest.isEqual(expected, pbkdf2(password, parts[2], Integer.parseInt(parts[1])));
    }

    private static byte[] pbkdf2(char[] password, String saltHex, int iterations) {
        try {
            PBEKeySpec spec = new PBEKeySpec(password, HEX.parseHex(saltHex), iterations, 256);
            return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
        } catch (NoSuchAlgorithmException | InvalidKeySpecException e) {
            throw new IllegalStateException("PBKDF2 unavailable", e);
        }
    }
}
