package io.tripwire.gateway.order;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** A stable fingerprint of an order request, so a retry with the same key can be told from a different order. */
final class RequestHash {

    private static final ObjectMapper CANONICAL = JsonMapper.builder()
            .enable(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .build();

    private RequestHash() {
    }

    static String of(OrderRequest r) {
        OrderRequest normalized = new OrderRequest(r.symbol().toUpperCase(java.util.Locale.ROOT), r.side(),
                strip(r.qty()), strip(r.notional()), r.type(), strip(r.limitPrice()), r.timeInForceOrDefault(),
                r.clientOrderId(), r.strategyId(), r.artifactId(), strip(r.confidence()), r.reduceOnlyOrDefault());
        try {
            byte[] json = CANONICAL.writeValueAsBytes(normalized);
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(json)).substring(0, 32);
        } catch (JsonProcessingException | NoSuchAlgorithmException e) {
            throw new IllegalStateException("cannot fingerprint order request", e);
        }
    }

    private static BigDecimal strip(BigDecimal value) {
        return value == null ? null : value.stripTrailingZeros();
    }
}
