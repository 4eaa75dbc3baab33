package io.tripwire.gateway.gates;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import io.tripwire.controlplane.state.StateCodec;
import io.tripwire.gateway.GatewayConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Which daily trading gates an order needs open ({@code gateway.gates.*}): the venue's, and its strategy's
 * when that strategy is gated. The admission script checks them in the same atomic decision as the breaker.
 */
@ApplicationScoped
public class TradingGates {

    public static final String VENUE = "venue:";
    public static final String STRATEGY = "strategy:";

    private final GatewayConfig.Gates config;

    public TradingGates(GatewayConfig config) {
        this.config = config.gates();
    }

    /** Gate scopes for an order of {@code strategyId} (null: a manual order, gated by the venue only). */
    public List<String> scopesFor(String strategyId) {
        List<String> scopes = new ArrayList<>(2);
        config.venue().filter(v -> !v.isBlank()).ifPresent(v -> scopes.add(VENUE + v.trim()));
        List<String> strategies = config.strategies().orElse(List.of());
        if (strategyId != null && (strategies.contains("*") || strategies.contains(strategyId))) {
            scopes.add(STRATEGY + strategyId);
        }
        return scopes;
    }

    /** Every scope this gateway gates (for the gates API): the venue first, then the strategies named (not {@code *}). */
    public List<String> configuredScopes() {
        List<String> scopes = new ArrayList<>();
        config.venue().filter(v -> !v.isBlank()).ifPresent(v -> scopes.add(VENUE + v.trim()));
        config.strategies().orElse(List.of()).stream().filter(s -> !"*".equals(s)).sorted().distinct()
                .forEach(s -> scopes.add(STRATEGY + s));
        return List.copyOf(scopes);
    }

    /** The 423 body's details from the script's {scope: [reasons]} JSON: {@code reasons} (all, sorted) and {@code gates}. */
    public static Map<String, Object> refusalDetails(String raw) {
        try {
            Map<String, List<String>> closed = new TreeMap<>(StateCodec.mapper().readValue(raw,
                    new TypeReference<Map<String, List<String>>>() { }));
            TreeSet<String> reasons = new TreeSet<>();
            closed.values().forEach(reasons::addAll);
            return Map.of("reasons", List.copyOf(reasons), "gates", closed);
        } catch (JsonProcessingException | RuntimeException e) {
            return Map.of("reasons", List.of("GATE_STATE_UNREADABLE"));
        }
    }
}
