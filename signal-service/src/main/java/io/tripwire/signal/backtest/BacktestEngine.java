package io.tripwire.signal.backtest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tripwire.controlplane.artifact.ArtifactHash;
import io.tripwire.controlplane.artifact.ArtifactState;
import io.tripwire.signal.artifact.ArtifactPayload;
import io.tripwire.signal.feature.FeatureWindow;
import io.tripwire.signal.model.Decision;
import io.tripwire.signal.model.LoadedModel;
import io.tripwire.signal.trade.Sizing;
import io.tripwire.signal.web.FieldErrors;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The deterministic research runtime (seed 000, ADR 0045): replays bars through the same features, model and decision
 * rule as the live service and the same long-only round trips as {@code SignalTrader} (enter at the close plus
 * slippage, exit at the close minus slippage, open positions closed at the last bar), and gives a DRAFT artifact's
 * identity and payload with its metrics. A pure function of its input: no clock, no randomness, bars sorted by
 * (ts, symbol), numbers rounded to fixed scales, so the same input gives byte-identical canonical JSON and hash.
 * The artifact id and version name the input's SHA-256, so a different input is a different artifact.
 */
public final class BacktestEngine {

    public static final int SLIPPAGE_BPS = 5;
    private static final int MONEY = 8;

    private BacktestEngine() {
    }

    public record BarRow(String symbol, java.time.Instant ts, BigDecimal close) {
    }

    public record Input(String strategyName, JsonNode model, JsonNode sizing, JsonNode riskProfile, String source,
                        String from, String to, BigDecimal threshold, BigDecimal directionProbability, List<BarRow> bars) {
    }

    public record Result(String artifactId, String strategyVersion, ObjectNode payload, String hash, String inputSha256) {
        public String canonicalPayload() {
            return ArtifactHash.canonicalJson(payload);
        }
    }

    /** Runs the backtest; bad parameters are added to {@code errors} and null is returned. */
    public static Result run(Input in, FieldErrors errors) {
        List<BarRow> bars = new ArrayList<>(in.bars());
        bars.sort(Comparator.comparing(BarRow::ts).thenComparing(BarRow::symbol));
        List<String> symbols = List.copyOf(new TreeSet<>(bars.stream().map(BarRow::symbol).toList()));
        if (bars.isEmpty()) {
            errors.add("bars", "no bars in the requested range");
            return null;
        }
        JsonNodeFactory f = JsonNodeFactory.instance;
        ObjectNode payload = f.objectNode();
        payload.set("model", in.model());
        payload.set("symbols", f.arrayNode().addAll(symbols.stream().map(f::textNode).toList()));
        payload.set("sizing", in.sizing());
        payload.set("risk_profile", in.riskProfile());
        ArtifactPayload model = ArtifactPayload.read(payload, errors);
        Sizing sizing = Sizing.read(in.sizing());
        if (model == null) {
            return null;
        }
        if (!sizing.trades()) {
            errors.add("sizing.qty_usd", "must be a positive number");
            return null;
        }
        String inputSha = inputHash(in, payload, bars);
        String shortId = inputSha.substring(0, 12);
        LoadedModel loaded = new LoadedModel(0, "backtest", in.strategyName(), ArtifactState.DRAFT, model.weights(), model.bias(),
                symbols, sizing);
        payload.set("backtest", simulate(in, loaded, bars, inputSha));
        String artifactId = "bt_" + in.strategyName() + "_" + shortId;
        String version = "bt-" + shortId;
        JsonNode canonical = ArtifactHash.parse(ArtifactHash.canonicalJson(payload));
        return new Result(artifactId, version, (ObjectNode) canonical,
                ArtifactHash.of(artifactId, in.strategyName(), version, canonical), inputSha);
    }

    private static ObjectNode simulate(Input in, LoadedModel model, List<BarRow> bars, String inputSha) {
        BigDecimal slip = BigDecimal.valueOf(SLIPPAGE_BPS, 4);
        Map<String, FeatureWindow> windows = new HashMap<>();
        Map<String, BigDecimal[]> open = new HashMap<>(); // symbol -> {qty, entry}
        Map<String, BigDecimal> lastClose = new HashMap<>();
        List<BigDecimal> pnls = new ArrayList<>();
        BigDecimal realized = BigDecimal.ZERO;
        BigDecimal capital = model.sizing().qtyUsd();
        BigDecimal peak = BigDecimal.ZERO;
        BigDecimal maxDrawdown = BigDecimal.ZERO;
        int signals = 0;
        for (BarRow bar : bars) {
            FeatureWindow window = windows.computeIfAbsent(bar.symbol(), s -> new FeatureWindow());
            if (!window.add(bar.ts(), bar.close().doubleValue())) {
                continue;
            }
            lastClose.put(bar.symbol(), bar.close());
            Map<String, Double> features = window.features().orElse(null);
            if (features != null) {
                Decision d = Decision.of(model.probabilityLong(features), in.threshold(), in.directionProbability(), "backtest");
                BigDecimal[] position = open.get(bar.symbol());
                if (d.allow() && Decision.LONG.equals(d.signal()) && position == null) {
                    BigDecimal entry = bar.close().multiply(BigDecimal.ONE.add(slip));
                    BigDecimal qty = model.sizing().notional(features.get("rv_5")).divide(entry, MONEY, RoundingMode.DOWN);
                    if (qty.signum() > 0) {
                        open.put(bar.symbol(), new BigDecimal[] {qty, entry});
                        signals++;
                    }
                } else if (d.allow() && Decision.SHORT.equals(d.signal()) && position != null) {
                    realized = realized.add(close(position, bar.close(), slip, pnls));
                    open.remove(bar.symbol());
                    signals++;
                }
            }
            BigDecimal equity = realized;
            for (Map.Entry<String, BigDecimal[]> p : open.entrySet()) {
                equity = equity.add(p.getValue()[0].multiply(lastClose.get(p.getKey()).subtract(p.getValue()[1])));
            }
            peak = peak.max(equity);
            BigDecimal drawdown = peak.subtract(equity).divide(capital.add(peak), 6, RoundingMode.HALF_EVEN);
            maxDrawdown = maxDrawdown.max(drawdown);
        }
        for (String symbol : new TreeSet<>(open.keySet())) {
            realized = realized.add(close(open.get(symbol), lastClose.get(symbol), slip, pnls));
        }
        return metrics(in, bars, inputSha, pnls, realized, maxDrawdown, signals);
    }

    private static BigDecimal close(BigDecimal[] position, BigDecimal close, BigDecimal slip, List<BigDecimal> pnls) {
        BigDecimal exit = close.multiply(BigDecimal.ONE.subtract(slip));
        BigDecimal pnl = position[0].multiply(exit.subtract(position[1])).setScale(MONEY, RoundingMode.HALF_EVEN);
        pnls.add(pnl);
        return pnl;
    }

    private static ObjectNode metrics(Input in, List<BarRow> bars, String inputSha, List<BigDecimal> pnls, BigDecimal total,
                                      BigDecimal maxDrawdown, int signals) {
        ObjectNode m = JsonNodeFactory.instance.objectNode();
        m.put("source", in.source());
        m.put("from", in.from() == null ? bars.get(0).ts().toString() : in.from());
        m.put("to", in.to() == null ? bars.get(bars.size() - 1).ts().toString() : in.to());
        m.put("bars", bars.size());
        m.put("input_sha256", inputSha);
        m.put("slippage_bps", SLIPPAGE_BPS);
        m.put("threshold", in.threshold());
        m.put("trades", pnls.size());
        m.put("orders", signals);
        long wins = pnls.stream().filter(p -> p.signum() > 0).count();
        m.put("win_rate", pnls.isEmpty() ? BigDecimal.ZERO : BigDecimal.valueOf(wins).divide(BigDecimal.valueOf(pnls.size()), 6, RoundingMode.HALF_EVEN));
        m.put("sharpe", sharpe(pnls));
        m.put("max_drawdown", maxDrawdown);
        m.put("total_pnl", total.setScale(2, RoundingMode.HALF_EVEN));
        return m;
    }

    /** Mean over sample standard deviation of the per-trade P&L (not annualized, like agent_performance); 0 below two trades. */
    static BigDecimal sharpe(List<BigDecimal> pnls) {
        if (pnls.size() < 2) {
            return BigDecimal.ZERO;
        }
        java.math.MathContext mc = java.math.MathContext.DECIMAL64;
        BigDecimal n = BigDecimal.valueOf(pnls.size());
        BigDecimal mean = pnls.stream().reduce(BigDecimal.ZERO, BigDecimal::add).divide(n, mc);
        BigDecimal var = pnls.stream().map(p -> p.subtract(mean).pow(2)).reduce(BigDecimal.ZERO, BigDecimal::add)
                .divide(n.subtract(BigDecimal.ONE), mc);
        return var.signum() == 0 ? BigDecimal.ZERO : mean.divide(var.sqrt(mc), 6, RoundingMode.HALF_EVEN);
    }

    /** SHA-256 of the canonical parameters and every bar (symbol, ts, close as plain decimal), in the sorted order. */
    static String inputHash(Input in, ObjectNode params, List<BarRow> bars) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            ObjectNode header = params.deepCopy();
            header.put("strategy_name", in.strategyName());
            header.put("source", in.source());
            header.put("threshold", in.threshold());
            header.put("direction_probability", in.directionProbability());
            sha.update(ArtifactHash.canonicalJson(header).getBytes(StandardCharsets.UTF_8));
            for (BarRow b : bars) {
                sha.update(("\n" + b.symbol() + "," + b.ts() + "," + b.close().stripTrailingZeros().toPlainString())
                        .getBytes(StandardCharsets.UTF_8));
            }
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
