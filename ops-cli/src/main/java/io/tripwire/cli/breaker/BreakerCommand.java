package io.tripwire.cli.breaker;

import com.fasterxml.jackson.databind.JsonNode;
import io.tripwire.cli.ExitCodes;
import io.tripwire.cli.gateway.GatewayOptions;
import io.tripwire.cli.http.Texts;
import java.io.Console;
import java.io.PrintWriter;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code tripwire breaker trip|reset}: the circuit breaker (scopes {@code breaker:trip}, {@code breaker:reset}). */
@Command(name = "breaker", mixinStandardHelpOptions = true, description = "Trip or reset the circuit breaker.",
        subcommands = {BreakerCommand.Trip.class, BreakerCommand.Reset.class})
public class BreakerCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return ExitCodes.USAGE;
    }

    /** {@code tripwire breaker trip --reason …}: halts all new trading at once. */
    @Command(name = "trip", mixinStandardHelpOptions = true,
            description = "Trips the breaker: every new order is refused (423) until a reset. A trip while TRIPPED changes nothing.")
    public static class Trip implements Callable<Integer> {

        @Spec
        CommandSpec spec;

        @Mixin
        GatewayOptions gateway;

        @Option(names = "--reason", required = true, paramLabel = "TEXT", description = "why (at least 20 characters)")
        String reason;

        @Override
        public Integer call() {
            JsonNode answer = gateway.client().post("/api/v1/circuit-breaker/trip",
                    Map.of("reason", reason, "acknowledged", true));
            return summarize(answer, spec.commandLine().getOut());
        }
    }

    /** {@code tripwire breaker reset --reason … [--yes]}: TRIPPED → QUIET_PERIOD → OPEN. */
    @Command(name = "reset", mixinStandardHelpOptions = true,
            description = {"Resets a TRIPPED breaker into QUIET_PERIOD (reduce-only), then OPEN.",
                "Reason of at least 20 characters; one reset per minute across all operators.",
                "Asks for the acknowledgement unless --yes is given."})
    public static class Reset implements Callable<Integer> {

        @Spec
        CommandSpec spec;

        @Mixin
        GatewayOptions gateway;

        @Option(names = "--reason", required = true, paramLabel = "TEXT", description = "why it is safe now (at least 20 characters)")
        String reason;

        @Option(names = "--yes", description = "acknowledge that the conditions that tripped it are normal again")
        boolean yes;

        @Override
        public Integer call() {
            boolean acknowledged = yes || askAcknowledgement();
            if (!acknowledged) {
                spec.commandLine().getErr().println("tripwire breaker reset: not acknowledged; answer 'yes' or pass --yes"
                        + " (the gateway refuses a reset without it)");
            }
            JsonNode answer = gateway.client().post("/api/v1/circuit-breaker/reset",
                    Map.of("reason", reason, "acknowledged", acknowledged));
            return summarize(answer, spec.commandLine().getOut());
        }

        private static boolean askAcknowledgement() {
            Console console = System.console();
            if (console == null) {
                return false; // not interactive: only --yes acknowledges (the gateway refuses without it)
            }
            String answer = console.readLine("Have the conditions that tripped the breaker normalized? Type 'yes' to acknowledge: ");
            return answer != null && answer.trim().equalsIgnoreCase("yes");
        }
    }

    static int summarize(JsonNode answer, PrintWriter out) {
        JsonNode breaker = answer.path("breaker");
        out.printf("circuit breaker %s%s%s (%s; confirmed by %s)%n", breaker.path("state").asText(),
                breaker.hasNonNull("trip_reason") ? " - " + breaker.path("trip_reason").asText() : "",
                breaker.hasNonNull("quiet_until") ? ", reduce-only until " + breaker.path("quiet_until").asText() : "",
                answer.path("changed").asBoolean() ? "changed" : "no change: it already was",
                Texts.join(answer.path("confirmed"), ", "));
        out.flush();
        return ExitCodes.OK;
    }
}
