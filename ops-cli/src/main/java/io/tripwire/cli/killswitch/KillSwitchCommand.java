package io.tripwire.cli.killswitch;

import com.fasterxml.jackson.databind.JsonNode;
import io.tripwire.cli.ExitCodes;
import io.tripwire.cli.gateway.GatewayOptions;
import io.tripwire.cli.http.Texts;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.io.PrintWriter;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code tripwire kill-switch activate|deactivate} (scope {@code killswitch}). */
@Command(name = "kill-switch", mixinStandardHelpOptions = true, description = "Activate or deactivate the kill switch.",
        subcommands = {KillSwitchCommand.Activate.class, KillSwitchCommand.Deactivate.class})
public class KillSwitchCommand implements Callable<Integer> {

    /** The two modes (seed 004). */
    public enum Mode { HALT_ONLY, CLOSE_POSITIONS }

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return ExitCodes.USAGE;
    }

    /** {@code tripwire kill-switch activate --mode … --reason …}. */
    @Command(name = "activate", mixinStandardHelpOptions = true, description = {
        "HALT_ONLY: refuse every risk-increasing order and cancel all working orders.",
        "CLOSE_POSITIONS: also flatten every position with protected reduce-only limit orders until the venue is flat.",
        "Latched until deactivated; HALT_ONLY can be escalated to CLOSE_POSITIONS, never downgraded."})
    public static class Activate implements Callable<Integer> {

        @Spec
        CommandSpec spec;

        @Mixin
        GatewayOptions gateway;

        @Option(names = "--mode", required = true, paramLabel = "MODE", description = "HALT_ONLY or CLOSE_POSITIONS")
        Mode mode;

        @Option(names = "--reason", required = true, paramLabel = "TEXT", description = "why")
        String reason;

        @Override
        public Integer call() {
            JsonNode answer = gateway.client().post("/api/v1/kill-switch", Map.of("mode", mode.name(), "reason", reason));
            return summarize(answer, spec.commandLine().getOut());
        }
    }

    /** {@code tripwire kill-switch deactivate --reason …}: needs PostgreSQL and Redis (else refused, nothing changes). */
    @Command(name = "deactivate", mixinStandardHelpOptions = true,
            description = "Turns the kill switch off; refused (503) unless both stores and the audit log take it.")
    public static class Deactivate implements Callable<Integer> {

        @Spec
        CommandSpec spec;

        @Mixin
        GatewayOptions gateway;

        @Option(names = "--reason", required = true, paramLabel = "TEXT", description = "why trading may resume")
        String reason;

        @Override
        public Integer call() {
            JsonNode answer = gateway.client().delete("/api/v1/kill-switch?reason="
                    + URLEncoder.encode(reason, StandardCharsets.UTF_8));
            return summarize(answer, spec.commandLine().getOut());
        }
    }

    static int summarize(JsonNode answer, PrintWriter out) {
        JsonNode state = answer.path("kill_switch");
        String now = state.path("active").asBoolean() ? "ACTIVE " + state.path("mode").asText() : "inactive";
        out.printf("kill switch %s (%s; confirmed by %s)%n", now,
                answer.path("changed").asBoolean() ? "changed" : "no change", Texts.join(answer.path("confirmed"), ", "));
        JsonNode cancel = answer.path("cancel");
        if (cancel.has("requested")) {
            out.printf("working orders asked to cancel: %d%n", cancel.path("requested").asInt());
        } else if (cancel.has("error")) {
            out.printf("cancel-all failed (retried every second): %s%n", cancel.path("error").asText());
        }
        if ("CLOSE_POSITIONS".equals(state.path("mode").asText())) {
            out.println("flattening runs in the gateway until the venue is flat; follow it with `tripwire status`");
        }
        out.flush();
        return ExitCodes.OK;
    }
}
