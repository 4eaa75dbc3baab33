package io.tripwire.cli.artifacts;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tripwire.cli.CliFailure;
import io.tripwire.cli.ExitCodes;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code tripwire backtest --strategy … [--from … --to …] [--csv FILE] [--params FILE]}: the research runtime. The signal
 * service replays the paper venue's published bars (md:bars) in the range, or the CSV, through the model and writes a
 * DRAFT artifact with the metrics. Same inputs → the same artifact and hash (reported as existing).
 */
@Command(name = "backtest", mixinStandardHelpOptions = true,
        description = {"Deterministic backtest -> DRAFT artifact with Sharpe, max drawdown, trades, win rate.",
            "Bars: the paper venue's published md:bars between --from and --to, or --csv FILE (header ts,symbol,close).",
            "Same inputs give the same artifact id and hash; then the existing artifact is shown."})
public class BacktestCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    SignalOptions signal;

    @Option(names = "--strategy", required = true, paramLabel = "NAME")
    String strategy;

    @Option(names = "--from", paramLabel = "WHEN", description = "ISO instant or date (default: the oldest bar)")
    String from;

    @Option(names = "--to", paramLabel = "WHEN", description = "ISO instant or date (default: the newest bar; give it for a repeatable run)")
    String to;

    @Option(names = "--csv", paramLabel = "FILE", description = "bars from this CSV instead of md:bars")
    Path csv;

    @Option(names = "--params", paramLabel = "FILE", description = "JSON {model, sizing, risk_profile} (default: the built-in momentum model)")
    Path params;

    @Option(names = "--symbols", split = ",", paramLabel = "SYM", description = "only these symbols")
    List<String> symbols;

    @Override
    public Integer call() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("strategy_name", strategy);
        if (from != null) {
            body.put("from", from);
        }
        if (to != null) {
            body.put("to", to);
        }
        if (symbols != null) {
            body.put("symbols", symbols);
        }
        try {
            if (csv != null) {
                body.put("csv", Files.readString(csv));
            }
            if (params != null) {
                JsonNode p = new ObjectMapper().readTree(Files.readString(params));
                for (String field : List.of("model", "sizing", "risk_profile")) {
                    if (p.has(field)) {
                        body.put(field, p.get(field));
                    }
                }
            }
        } catch (IOException e) {
            throw new CliFailure(ExitCodes.USAGE, "cannot read " + (csv != null ? csv : params) + ": " + CliFailure.rootMessage(e));
        }
        JsonNode answer = signal.client().post("/api/v1/backtests", body);
        JsonNode a = answer.path("artifact");
        JsonNode m = a.path("payload").path("backtest");
        PrintWriter out = spec.commandLine().getOut();
        out.printf("artifact: %s (%s, %s)%s%n", a.path("artifact_id").asText(), a.path("state").asText(),
                a.path("strategy_version").asText(), answer.path("existed").asBoolean() ? " - already existed: same inputs, same hash" : "");
        out.printf("hash:     %s%n", a.path("hash").asText());
        out.printf("bars:     %d from %s (%s .. %s), input sha256 %s%n", m.path("bars").asInt(), m.path("source").asText(),
                m.path("from").asText(), m.path("to").asText(), m.path("input_sha256").asText());
        out.printf("metrics:  sharpe %s  max_drawdown %s  trades %s  win_rate %s  total_pnl %s%n", m.path("sharpe").asText(),
                m.path("max_drawdown").asText(), m.path("trades").asText(), m.path("win_rate").asText(), m.path("total_pnl").asText());
        out.printf("next:     tripwire artifacts approve --id %s --approver <you> --type TECHNICAL --notes \"…\"%n",
                a.path("artifact_id").asText());
        out.flush();
        return ExitCodes.OK;
    }
}
