package io.tripwire.gateway.support;

import io.tripwire.controlplane.artifact.ArtifactHash;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import java.time.Duration;
import java.util.UUID;

/** Strategy artifacts in the gateway's test database, made with plain SQL (the V10 trigger enforces each step). */
public final class TestArtifacts {

    private static final Duration WAIT = Duration.ofSeconds(10);

    private TestArtifacts() {
    }

    /** A new artifact of {@code strategy}, walked to {@code state} through the legal steps; returns its artifact_id. */
    public static String create(Pool pool, String strategy, String state) {
        String version = UUID.randomUUID().toString().substring(0, 8);
        String artifactId = "strat_" + strategy + "_" + version;
        String payload = "{\"symbols\":[\"AAPL\"],\"nonce\":\"" + version + "\"}";
        String hash = ArtifactHash.of(artifactId, strategy, version, ArtifactHash.parse(payload));
        pool.preparedQuery("INSERT INTO strategy_artifacts (artifact_id, strategy_name, strategy_version, hash, payload) "
                + "VALUES ($1, $2, $3, $4, ($5::text)::jsonb)").execute(Tuple.of(artifactId, strategy, version, hash, payload))
                .await().atMost(WAIT);
        String[] path = switch (state) {
            case "DRAFT" -> new String[0];
            case "VALIDATED" -> new String[] {"VALIDATED"};
            case "REVIEWED" -> new String[] {"VALIDATED", "REVIEWED"};
            case "APPROVED" -> new String[] {"VALIDATED", "REVIEWED", "APPROVED"};
            case "ACTIVE" -> new String[] {"VALIDATED", "REVIEWED", "APPROVED", "ACTIVE"};
            case "DEPRECATED" -> new String[] {"VALIDATED", "REVIEWED", "APPROVED", "ACTIVE", "DEPRECATED"};
            case "REVOKED" -> new String[] {"VALIDATED", "REVIEWED", "APPROVED", "REVOKED"};
            default -> throw new IllegalArgumentException(state);
        };
        for (String step : path) {
            set(pool, artifactId, step);
        }
        return artifactId;
    }

    public static String approved(Pool pool, String strategy) {
        return create(pool, strategy, "APPROVED");
    }

    public static void set(Pool pool, String artifactId, String state) {
        pool.preparedQuery("UPDATE strategy_artifacts SET state = $2 WHERE artifact_id = $1")
                .execute(Tuple.of(artifactId, state)).await().atMost(WAIT);
    }

    /** Changes the stored payload behind the hash's back, as an attacker with SQL access would. */
    public static void tamper(Pool pool, String artifactId) {
        pool.preparedQuery("UPDATE strategy_artifacts SET payload = jsonb_set(payload, '{symbols}', '[\"AAPL\",\"MSFT\"]') "
                + "WHERE artifact_id = $1").execute(Tuple.of(artifactId)).await().atMost(WAIT);
    }
}
