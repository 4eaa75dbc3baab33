package io.tripwire.controlplane.auth;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A presented API key {@code twk_<8-char prefix>_<secret>}. The prefix is public (it names the key in
 * lists and logs); the secret is shown once at creation and stored only as a salted hash.
 */
public record ApiKeyToken(String prefix, String secret) {

    private static final Pattern FORMAT = Pattern.compile("^twk_([a-z0-9]{8})_([A-Za-z0-9_-]{32,128})$");
    private static final String PREFIX_ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789";
    private static final SecureRandom RANDOM = new SecureRandom();

    public static Optional<ApiKeyToken> parse(String presented) {
        if (presented == null) {
            return Optional.empty();
        }
        Matcher m = FORMAT.matcher(presented.trim());
        return m.matches() ? Optional.of(new ApiKeyToken(m.group(1), m.group(2))) : Optional.empty();
    }

    /** A fresh key: 8-char prefix, 32 random bytes of secret. */
    public static ApiKeyToken generate() {
        StringBuilder prefix = new StringBuilder(8);
        for (int i = 0; i < 8; i++) {
            prefix.append(PREFIX_ALPHABET.charAt(RANDOM.nextInt(PREFIX_ALPHABET.length())));
        }
        byte[] secret = new byte[32];
        RANDOM.nextBytes(secret);
        return new ApiKeyToken(prefix.toString(), Base64.getUrlEncoder().withoutPadding().encodeToString(secret));
    }

    /** The full text to hand to the key's owner; never logged or stored. */
    public String reveal() {
        return "twk_" + prefix + "_" + secret;
    }

    @Override
    public String toString() {
        return "twk_" + prefix + "_[REDACTED]";
    }
}
