package io.tripwire.cli.bootstrap;

import io.tripwire.cli.SecretFiles;
import io.tripwire.cli.bootstrap.BootstrapReport.KeyOutcome;
import io.tripwire.cli.bootstrap.BootstrapReport.OperatorOutcome;
import io.tripwire.controlplane.auth.ApiKeyRecord;
import io.tripwire.controlplane.auth.ApiKeyRepository;
import io.tripwire.controlplane.auth.ApiKeyScope;
import io.tripwire.controlplane.auth.ApiKeyService;
import io.tripwire.controlplane.auth.ApiKeyService.IssuedKey;
import io.tripwire.controlplane.auth.ApiKeyToken;
import io.tripwire.controlplane.auth.OperatorService;
import io.tripwire.controlplane.auth.OperatorService.Role;
import io.tripwire.controlplane.auth.SecretHasher;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.EnumSet;
import java.util.Optional;

/**
 * Idempotent first-run setup of a dev stack: an {@code admin} operator when there is none, and an admin
 * API key with every scope whenever the key file does not hold one that the database still accepts.
 * Runs on the CLI's main thread, so waiting for the reactive calls is fine here.
 */
@ApplicationScoped
public class AdminBootstrap {

    static final String ADMIN_USERNAME = "admin";
    static final String KEY_NAME = "bootstrap-admin";
    /** The signal service's own key (orders it sends, its data-staleness trips), next to the admin key file. */
    static final String SIGNAL_KEY_NAME = "signal-service";
    static final String SIGNAL_KEY_FILE = "signal-service.key";
    static final java.util.Set<ApiKeyScope> SIGNAL_SCOPES = EnumSet.of(ApiKeyScope.ORDERS_WRITE, ApiKeyScope.ORDERS_READ,
            ApiKeyScope.BREAKER_TRIP);
    static final Duration KEY_LIFETIME = Duration.ofDays(30);
    static final String ACTOR = "ops-cli:bootstrap";
    private static final Duration DB_TIMEOUT = Duration.ofSeconds(30);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final OperatorService operators;
    private final ApiKeyService keys;
    private final ApiKeyRepository repository;
    private final Clock clock;

    public AdminBootstrap(OperatorService operators, ApiKeyService keys, ApiKeyRepository repository, Clock clock) {
        this.operators = operators;
        this.keys = keys;
        this.repository = repository;
        this.clock = clock;
    }

    public BootstrapReport run(Path keyFile, Path passwordFile) throws IOException {
        Path signalKeyFile = keyFile.toAbsolutePath().resolveSibling(SIGNAL_KEY_FILE);
        return new BootstrapReport(ensureOperator(passwordFile), ensureKey(keyFile, KEY_NAME, EnumSet.allOf(ApiKeyScope.class)),
                ensureKey(signalKeyFile, SIGNAL_KEY_NAME, SIGNAL_SCOPES));
    }

    private OperatorOutcome ensureOperator(Path passwordFile) throws IOException {
        long existing = operators.count().await().atMost(DB_TIMEOUT);
        if (existing > 0) {
            return new OperatorOutcome(false, ADMIN_USERNAME, existing, passwordFile);
        }
        String password = randomPassword();
        // File first: if the insert then fails, the next run simply writes a new password; the other
        // order could leave an admin whose password nobody knows.
        SecretFiles.write(passwordFile, password);
        operators.create(ADMIN_USERNAME, password.toCharArray(), Role.ADMIN, ACTOR).await().atMost(DB_TIMEOUT);
        return new OperatorOutcome(true, ADMIN_USERNAME, 0, passwordFile);
    }

    private KeyOutcome ensureKey(Path keyFile, String name, java.util.Set<ApiKeyScope> scopes) throws IOException {
        Optional<String> stored = SecretFiles.read(keyFile);
        Optional<ApiKeyToken> token = stored.flatMap(ApiKeyToken::parse);
        ApiKeyRecord record = token.map(t -> repository.find(t.prefix()).await().atMost(DB_TIMEOUT)).orElse(null);
        String problem = problem(stored.isPresent(), token.orElse(null), record);
        if (problem == null && !record.scopes().equals(scopes.stream().map(ApiKeyScope::value).collect(java.util.stream.Collectors.toSet()))) {
            problem = "stored key has other scopes";
        }
        if (problem == null) {
            return new KeyOutcome(null, token.get().toString(), record.expiresAt(), keyFile);
        }
        IssuedKey issued = keys.issue(name, scopes, KEY_LIFETIME, ACTOR)
                .await().atMost(DB_TIMEOUT);
        SecretFiles.write(keyFile, issued.token().reveal());
        return new KeyOutcome(problem, issued.token().toString(), issued.record().expiresAt(), keyFile);
    }

    /** Why the stored key cannot be used, or {@code null} when it can. */
    private String problem(boolean fileExists, ApiKeyToken token, ApiKeyRecord record) {
        if (!fileExists) {
            return "no key file yet";
        }
        if (token == null) {
            return "key file does not hold a twk_ key";
        }
        if (record == null) {
            return "stored key is unknown to this database";
        }
        if (!SecretHasher.apiKeySecretMatches(record.salt(), record.hash(), token.secret())) {
            return "stored key's secret does not match";
        }
        String refusal = record.refusal(clock.instant());
        return refusal == null ? null : "stored key is " + refusal;
    }

    private static String randomPassword() {
        byte[] bytes = new byte[18];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
