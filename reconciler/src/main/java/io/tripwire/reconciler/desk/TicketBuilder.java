package io.tripwire.reconciler.desk;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Builds the one ticket of a run, deterministically (no clock, no run id in the bytes). Long-only rebalance to
 * the target weights of equity (cash + units × close): a line per symbol whose difference is worth at least the
 * minimum notional, sells first, then buys, by symbol; units rounded down to 4 decimals; limit = close ± slippage.
 */
public final class TicketBuilder {

    static final int UNITS_SCALE = 4;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final BigDecimal BPS = BigDecimal.valueOf(10_000);

    private TicketBuilder() {
    }

    public static Ticket build(LocalDate asof, Ticket.Inputs in) {
        List<String> reasons = new ArrayList<>(new TreeSet<>(in.gateReasons()));
        List<Ticket.Line> lines = List.of();
        if (reasons.isEmpty() && !in.tradesAllowed()) {
            reasons.add("DRYRUN_TRADES_DISABLED");
        } else if (reasons.isEmpty()) {
            lines = rebalance(in);
            if (lines.isEmpty()) {
                reasons.add("NO_REBALANCE");
            }
        }
        String type = reasons.isEmpty() ? Ticket.TRADE : Ticket.NO_TRADE;
        String json = canonical(asof, type, reasons, lines, in);
        String sha = sha256(json);
        String id = "T-" + asof + "-" + sha.substring(0, 12);
        return new Ticket(id, asof, type, List.copyOf(reasons), lines, in, json,
                TicketMarkdown.render(id, asof, type, reasons, lines, in, sha), sha);
    }

    static List<Ticket.Line> rebalance(Ticket.Inputs in) {
        BigDecimal equity = in.cash();
        for (var p : in.positions().entrySet()) {
            BigDecimal close = in.closes().get(p.getKey());
            if (close == null) {
                return List.of(); // a holding without a price: no sizing (data quality should have failed)
            }
            equity = equity.add(p.getValue().multiply(close));
        }
        TreeSet<String> symbols = new TreeSet<>(in.targets().keySet());
        symbols.addAll(in.positions().keySet());
        List<Ticket.Line> sells = new ArrayList<>();
        List<Ticket.Line> buys = new ArrayList<>();
        for (String symbol : symbols) {
            BigDecimal close = in.closes().get(symbol);
            if (close == null || close.signum() <= 0) {
                continue;
            }
            BigDecimal weight = in.targets().getOrDefault(symbol, BigDecimal.ZERO);
            BigDecimal target = weight.multiply(equity).divide(close, UNITS_SCALE, RoundingMode.DOWN).max(BigDecimal.ZERO);
            BigDecimal delta = target.subtract(in.positions().getOrDefault(symbol, BigDecimal.ZERO));
            if (delta.abs().multiply(close).compareTo(in.minTradeNotional()) < 0 || delta.signum() == 0) {
                continue;
            }
            boolean buy = delta.signum() > 0;
            BigDecimal slip = BigDecimal.valueOf(in.maxSlippageBps()).divide(BPS);
            BigDecimal limit = close.multiply(buy ? BigDecimal.ONE.add(slip) : BigDecimal.ONE.subtract(slip))
                    .setScale(UNITS_SCALE, RoundingMode.HALF_UP);
            Ticket.Line line = new Ticket.Line(0, symbol, buy ? "BUY" : "SELL", delta.abs().setScale(UNITS_SCALE,
                    RoundingMode.DOWN), limit, in.maxSlippageBps());
            (buy ? buys : sells).add(line);
        }
        List<Ticket.Line> out = new ArrayList<>();
        sells.addAll(buys);
        for (Ticket.Line l : sells) {
            out.add(new Ticket.Line(out.size() + 1, l.symbol(), l.side(), l.units(), l.limitPrice(), l.maxSlippageBps()));
        }
        return List.copyOf(out);
    }

    static String canonical(LocalDate asof, String type, List<String> reasons, List<Ticket.Line> lines, Ticket.Inputs in) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("schema", "tripwire.desk.ticket/1");
        doc.put("asof_date", asof.toString());
        doc.put("venue", in.venue());
        doc.put("ticket_type", type);
        doc.put("reasons", reasons);
        List<Map<String, Object>> rendered = new ArrayList<>();
        for (Ticket.Line l : lines) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("sequence", l.sequence());
            m.put("symbol", l.symbol());
            m.put("side", l.side());
            m.put("units", plain(l.units()));
            m.put("limit_price", plain(l.limitPrice()));
            m.put("max_slippage_bps", l.maxSlippageBps());
            rendered.add(m);
        }
        doc.put("lines", rendered);
        Map<String, Object> inputs = new LinkedHashMap<>();
        inputs.put("gate_reasons", new ArrayList<>(new TreeSet<>(in.gateReasons())));
        inputs.put("trades_allowed", in.tradesAllowed());
        inputs.put("cash", plain(in.cash()));
        inputs.put("positions", plainMap(in.positions()));
        inputs.put("closes", plainMap(in.closes()));
        inputs.put("targets", plainMap(in.targets()));
        inputs.put("min_trade_notional", plain(in.minTradeNotional()));
        doc.put("inputs", inputs);
        try {
            return JSON.writeValueAsString(doc) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Map<String, String> plainMap(Map<String, BigDecimal> m) {
        Map<String, String> out = new LinkedHashMap<>();
        new java.util.TreeMap<>(m).forEach((k, v) -> out.put(k, plain(v)));
        return out;
    }

    static String plain(BigDecimal v) {
        return v.signum() == 0 ? "0" : v.stripTrailingZeros().toPlainString();
    }

    public static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
