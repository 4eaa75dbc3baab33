package io.tripwire.signal.trade;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.tripwire.signal.SignalConfig;
import io.tripwire.signal.feature.Bar;
import io.tripwire.signal.model.Decision;
import io.tripwire.signal.model.LoadedModel;
import jakarta.enterprise.context.ApplicationScoped;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * Turns an allowed bar decision into a gateway order (ADR 0044): long-only round trips per strategy and symbol.
 * {@code long} with no position and nothing working → a market buy of the artifact's sized notional;
 * {@code short} with a long position → a reduce-only market sell of all of it; anything else → no order. The order
 * carries {@code strategy_id} (the artifact's strategy), {@code artifact_id} and the confidence (rounded down to
 * the gateway's 5 decimals); its client order id is derived from artifact, symbol and bar, so a bar handled twice
 * cannot order twice. The outcome is written next to the signal in {@code strategy_signals}.
 */
@ApplicationScoped
public class SignalTrader {

    private static final BigDecimal MIN_NOTIONAL = BigDecimal.ONE;

    private final GatewayClient gateway;
    private final StrategyBook book;
    private final SignalConfig.Orders config;
    private final Clock clock;
    private final MeterRegistry registry;

    public SignalTrader(GatewayClient gateway, StrategyBook book, SignalConfig config, Clock clock, MeterRegistry registry) {
        this.gateway = gateway;
        this.book = book;
        this.config = config.orders();
        this.clock = clock;
        this.registry = registry;
    }

    /** Places the order an allowed decision calls for (if any); never fails, returns the outcome. */
    public Uni<String> act(LoadedModel model, Bar bar, Map<String, Double> features, Decision decision) {
        if (!decision.allow()) {
            return Uni.createFrom().item("not_allowed");
        }
        Uni<Order> planned = plan(model, bar, features, decision);
        return planned.chain(order -> order.body == null ? Uni.createFrom().item(order.outcome) : submit(order))
                .onFailure().recoverWithItem(e -> {
                    Log.errorf("signal %s %s at %s: order not placed: %s", model.artifactId(), bar.symbol(), bar.ts(), e.getMessage());
                    return "error";
                })
                .call(outcome -> link(model, bar, outcome))
                .invoke(outcome -> Counter.builder("signal_service_orders").description("Allowed signals by order outcome")
                        .tag("outcome", outcome.contains(":") ? outcome.substring(0, outcome.indexOf(':')) : outcome).register(registry).increment());
    }

    private record Order(String outcome, Map<String, Object> body) {
    }

    private Uni<Order> plan(LoadedModel model, Bar bar, Map<String, Double> features, Decision decision) {
        if (!config.enabled()) {
            return Uni.createFrom().item(new Order("disabled", null));
        }
        if (!model.sizing().trades()) {
            return Uni.createFrom().item(new Order("no_sizing", null));
        }
        if (Duration.between(bar.ts(), clock.instant()).compareTo(config.maxBarAge()) > 0) {
            return Uni.createFrom().item(new Order("stale_bar", null));
        }
        return book.holding(model.strategyName(), bar.symbol()).map(h -> {
            if (h.working() > 0) {
                return new Order("order_working", null);
            }
            boolean buy = Decision.LONG.equals(decision.signal());
            if (buy && h.position().signum() > 0) {
                return new Order("in_position", null);
            }
            if (!buy && h.position().signum() <= 0) {
                return new Order("no_position", null); // long-only: a short signal only exits
            }
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("symbol", bar.symbol());
            body.put("side", buy ? "buy" : "sell");
            body.put("type", "market");
            if (buy) {
                BigDecimal notional = model.sizing().notional(features.getOrDefault("rv_5", 0.0));
                if (notional.compareTo(MIN_NOTIONAL) < 0) {
                    return new Order("too_small", null);
                }
                body.put("notional", notional.toPlainString());
            } else {
                body.put("qty", h.position().stripTrailingZeros().toPlainString());
                body.put("reduce_only", true);
            }
            body.put("client_order_id", "sig-" + model.artifact() + "-" + bar.symbol() + "-" + bar.ts().toEpochMilli());
            body.put("strategy_id", model.strategyName());
            body.put("artifact_id", model.artifactId());
            body.put("confidence", BigDecimal.valueOf(decision.confidence()).setScale(5, RoundingMode.DOWN).toPlainString());
            return new Order("submitted", body);
        });
    }

    private Uni<String> submit(Order order) {
        return gateway.post("/api/v1/orders", order.body).map(answer -> {
            if (answer.ok()) {
                Log.infof("signal order %s %s %s: %s", order.body.get("side"), order.body.get("symbol"),
                        order.body.get("artifact_id"), answer.body().path("id").asText());
                return "submitted:" + answer.body().path("id").asText();
            }
            Log.warnf("signal order %s refused: %d %s %s", order.body.get("client_order_id"), answer.status(), answer.code(),
                    answer.problem() == null ? answer.body().path("message").asText() : answer.problem());
            return answer.status() == 0 || answer.status() >= 500 ? "unavailable" : "rejected:" + answer.code();
        });
    }

    private Uni<Void> link(LoadedModel model, Bar bar, String outcome) {
        UUID orderId = null;
        String recorded = outcome;
        if (outcome.startsWith("submitted:")) {
            try {
                orderId = UUID.fromString(outcome.substring("submitted:".length()));
            } catch (IllegalArgumentException e) {
                orderId = null;
            }
            recorded = "submitted";
        }
        return book.link(model.artifact(), bar.symbol(), bar.ts().atOffset(ZoneOffset.UTC), orderId, recorded)
                .onFailure().invoke(e -> Log.warnf("signal %s %s: order outcome not recorded: %s", model.artifactId(),
                        bar.symbol(), e.getMessage()))
                .onFailure().recoverWithNull();
    }
}
