package io.tripwire.cli.artifacts;

import com.fasterxml.jackson.databind.JsonNode;
import io.tripwire.cli.ExitCodes;
import java.io.PrintWriter;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code tripwire artifacts list|show|approve|revoke|rollback}: seed 000's approval gate, through the signal service. */
@Command(name = "artifacts", mixinStandardHelpOptions = true,
        description = "Strategy artifacts: list, show, approve (DRAFT -> APPROVED step by step), revoke, rollback.",
        subcommands = {ArtifactsCommand.ListArtifacts.class, ArtifactsCommand.Show.class, ArtifactsApprove.class,
            ArtifactsCommand.Revoke.class, ArtifactsCommand.Rollback.class})
public class ArtifactsCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return ExitCodes.USAGE;
    }

    static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    static void line(PrintWriter out, JsonNode a) {
        out.printf("%-40s %-10s %-20s %-10s %s %s%n", a.path("artifact_id").asText(), a.path("state").asText(),
                a.path("strategy_name").asText(), a.path("strategy_version").asText(),
                a.path("hash_valid").asBoolean() ? "hash-ok " : "TAMPERED", a.path("created_at").asText());
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "Artifacts, newest first, optionally in one state.")
    public static class ListArtifacts implements Callable<Integer> {
        @Spec CommandSpec spec;
        @Mixin SignalOptions signal;

        @Option(names = "--state", paramLabel = "STATE", description = "DRAFT, VALIDATED, REVIEWED, APPROVED, ACTIVE, DEPRECATED or REVOKED")
        String state;

        @Option(names = "--limit", paramLabel = "N", defaultValue = "100", description = "at most N (1-500, default ${DEFAULT-VALUE})")
        int limit;

        @Override
        public Integer call() {
            JsonNode list = signal.client().get("/api/v1/artifacts?limit=" + limit + (state == null ? "" : "&state=" + encode(state)));
            PrintWriter out = spec.commandLine().getOut();
            out.printf("%-40s %-10s %-20s %-10s %s %s%n", "ARTIFACT_ID", "STATE", "STRATEGY", "VERSION", "HASH    ", "CREATED_AT");
            list.forEach(a -> line(out, a));
            out.printf("%d artifact(s)%n", list.size());
            out.flush();
            return ExitCodes.OK;
        }
    }

    @Command(name = "show", mixinStandardHelpOptions = true, description = "One artifact with its payload, approvals and state changes.")
    public static class Show implements Callable<Integer> {
        @Spec CommandSpec spec;
        @Mixin SignalOptions signal;

        @Option(names = "--id", required = true, paramLabel = "ARTIFACT_ID")
        String id;

        @Override
        public Integer call() {
            JsonNode a = signal.client().get("/api/v1/artifacts/" + encode(id));
            PrintWriter out = spec.commandLine().getOut();
            out.printf("artifact:  %s (%s %s)%nstate:     %s (since %s, by %s)%nhash:      %s %s%npayload:   %s%n",
                    a.path("artifact_id").asText(), a.path("strategy_name").asText(), a.path("strategy_version").asText(),
                    a.path("state").asText(), a.path("state_changed_at").asText(), a.path("state_changed_by").asText(),
                    a.path("hash").asText(), a.path("hash_valid").asBoolean() ? "(valid)" : "(TAMPERED: refused at load)",
                    a.path("payload"));
            a.path("approvals").forEach(p -> out.printf("approval:  %s -> %s %s by %s at %s: %s%n", p.path("from_state").asText(),
                    p.path("to_state").asText(), p.path("type").asText(p.path("approval_type").asText()), p.path("approver").asText(),
                    p.path("approved_at").asText(), p.path("notes").asText("")));
            a.path("state_changes").forEach(c -> out.printf("change:    %s -> %s by %s at %s%s%n", c.path("from_state").asText(),
                    c.path("to_state").asText(), c.path("changed_by").asText(), c.path("changed_at").asText(),
                    c.hasNonNull("reason") ? " (" + c.path("reason").asText() + ")" : ""));
            out.flush();
            return ExitCodes.OK;
        }
    }

    @Command(name = "revoke", mixinStandardHelpOptions = true,
            description = "Revokes an artifact (final): the running signal service stops using it within 5 s.")
    public static class Revoke implements Callable<Integer> {
        @Spec CommandSpec spec;
        @Mixin SignalOptions signal;

        @Option(names = "--id", required = true, paramLabel = "ARTIFACT_ID")
        String id;

        @Option(names = "--reason", required = true, paramLabel = "TEXT")
        String reason;

        @Override
        public Integer call() {
            JsonNode a = signal.client().post("/api/v1/artifacts/" + encode(id) + "/revoke", Map.of("reason", reason));
            PrintWriter out = spec.commandLine().getOut();
            out.printf("revoked: %s is %s%n", a.path("artifact_id").asText(), a.path("state").asText());
            out.flush();
            return ExitCodes.OK;
        }
    }

    @Command(name = "rollback", mixinStandardHelpOptions = true,
            description = "Re-approves a previous (DEPRECATED) artifact and deprecates its strategy's current APPROVED/ACTIVE ones.")
    public static class Rollback implements Callable<Integer> {
        @Spec CommandSpec spec;
        @Mixin SignalOptions signal;

        @Option(names = "--to", required = true, paramLabel = "ARTIFACT_ID", description = "the previous artifact to return to")
        String to;

        @Option(names = "--reason", required = true, paramLabel = "TEXT")
        String reason;

        @Override
        public Integer call() {
            JsonNode changed = signal.client().post("/api/v1/artifacts/rollback", Map.of("to", to, "reason", reason));
            PrintWriter out = spec.commandLine().getOut();
            changed.forEach(a -> out.printf("rollback: %s is %s%n", a.path("artifact_id").asText(), a.path("state").asText()));
            out.flush();
            return ExitCodes.OK;
        }
    }
}
