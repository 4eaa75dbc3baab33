package io.tripwire.controlplane.artifact;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.core.JsonGenerator;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Integrity hash of a strategy artifact: SHA-256 hex of the canonical JSON of
 * {@code {artifact_id, strategy_name, strategy_version, payload}}. Canonical = Jackson with map keys sorted
 * ({@code ORDER_MAP_ENTRIES_BY_KEYS}) and no whitespace, numbers as plain decimals without trailing zeros
 * (so {@code 1.50}, {@code 1.5} and PostgreSQL jsonb's rendering of either hash the same). The payload as
 * stored ({@link #canonicalJson(JsonNode)}) is already canonical.
 */
public final class ArtifactHash {

    private static final ObjectMapper READER = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(DeserializationFeature.USE_BIG_INTEGER_FOR_INTS)
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();

    private static final ObjectMapper CANONICAL = JsonMapper.builder()
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .disable(SerializationFeature.INDENT_OUTPUT)
            .enable(JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN)
            .build();

    private ArtifactHash() {
    }

    /** Parses JSON text (duplicate keys refused, numbers exact); throws {@link IllegalArgumentException} when unreadable. */
    public static JsonNode parse(String json) {
        try {
            JsonNode node = READER.readTree(json);
            if (node == null) {
                throw new IllegalArgumentException("empty JSON");
            }
            return node;
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e.getOriginalMessage(), e);
        }
    }

    /** The canonical JSON text of any JSON value. */
    public static String canonicalJson(JsonNode value) {
        try {
            return CANONICAL.writeValueAsString(plain(value));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot render canonical JSON", e);
        }
    }

    /** The hash of an artifact: SHA-256 hex of the canonical JSON of its identity and payload. */
    public static String of(String artifactId, String strategyName, String strategyVersion, JsonNode payload) {
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("artifact_id", artifactId);
        document.put("strategy_name", strategyName);
        document.put("strategy_version", strategyVersion);
        document.put("payload", plain(payload));
        try {
            return sha256(CANONICAL.writeValueAsString(document));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot render canonical JSON", e);
        }
    }

    public static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 missing from this JVM", e);
        }
    }

    /** JSON tree → plain maps, lists and normalized numbers, which the canonical mapper sorts and renders. */
    private static Object plain(JsonNode node) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return null;
        }
        if (node.isObject()) {
            Map<String, Object> map = new LinkedHashMap<>();
            node.properties().forEach(e -> map.put(e.getKey(), plain(e.getValue())));
            return map;
        }
        if (node.isArray()) {
            List<Object> list = new ArrayList<>(node.size());
            node.forEach(item -> list.add(plain(item)));
            return list;
        }
        if (node.isNumber()) {
            BigDecimal number = node.decimalValue();
            return number.signum() == 0 ? BigDecimal.ZERO : number.stripTrailingZeros();
        }
        if (node.isBoolean()) {
            return node.booleanValue();
        }
        return node.asText();
    }
}
