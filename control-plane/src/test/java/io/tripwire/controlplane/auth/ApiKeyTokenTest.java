package io.tripwire.controlplane.auth;

import static org.assertj.core.api.Assertions.assertThat;

import io.tripwire.controlplane.audit.SecretRedactor;
import org.junit.jupiter.api.Test;

class ApiKeyTokenTest {

    @Test
    void aGeneratedKeyParsesBackToItsPrefixAndSecret() {
        ApiKeyToken token = ApiKeyToken.generate();
        assertThat(token.reveal()).matches("twk_[a-z0-9]{8}_[A-Za-z0-9_-]{43}");
        assertThat(ApiKeyToken.parse(token.reveal())).contains(token);
    }

    @Test
    void malformedKeysDoNotParse() {
        assertThat(ApiKeyToken.parse(null)).isEmpty();
        assertThat(ApiKeyToken.parse("")).isEmpty();
        assertThat(ApiKeyToken.parse("twk_short_" + "a".repeat(43))).isEmpty();
        assertThat(ApiKeyToken.parse("tp_live_abcdefgh_" + "a".repeat(43))).isEmpty();
        assertThat(ApiKeyToken.parse("twk_abcdefgh_tooshort")).isEmpty();
    }

    @Test
    void theSecretNeverAppearsInToStringOrRedactedText() {
        ApiKeyToken token = ApiKeyToken.generate();
        assertThat(token.toString()).doesNotContain(token.secret());
        assertThat(SecretRedactor.redact("key " + token.reveal() + " used"))
                .isEqualTo("key twk_" + token.prefix() + "_[REDACTED] used");
    }

    @Test
    void aSecretMatchesOnlyItsOwnSaltedHash() {
        String salt = SecretHasher.newSalt();
        String hash = SecretHasher.hashApiKeySecret(salt, "right-secret");
        assertThat(SecretHasher.apiKeySecretMatches(salt, hash, "right-secret")).isTrue();
        assertThat(SecretHasher.apiKeySecretMatches(salt, hash, "wrong-secret")).isFalse();
        assertThat(SecretHasher.apiKeySecretMatches(SecretHasher.newSalt(), hash, "right-secret")).isFalse();
    }

    @Test
    void passwordsAreHashedWithPbkdf2AndVerified() {
        String stored = SecretHasher.hashPassword("correct horse".toCharArray());
        assertThat(stored).startsWith("pbkdf2$210000$").doesNotContain("correct");
        assertThat(SecretHasher.passwordMatches(stored, "correct horse".toCharArray())).isTrue();
        assertThat(SecretHasher.passwordMatches(stored, "wrong".toCharArray())).isFalse();
        assertThat(SecretHasher.passwordMatches("plaintext", "plaintext".toCharArray())).isFalse();
    }
}
