package io.tripwire.cli.artifacts;

import com.fasterxml.jackson.databind.JsonNode;
import io.tripwire.cli.CliFailure;
import io.tripwire.cli.ExitCodes;
import io.tripwire.cli.http.ApiClient;
import java.io.PrintWriter;
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
 * {@code tripwire artifacts approve --id … --approver … --type TECHNICAL --notes …}: seed 000's approver. Walks the
 * artifact DRAFT → VALIDATED → REVIEWED → APPROVED, one recorded approval per step (approver, type, notes). One
 * {@code --type} is used for every step; a list ({@code TECHNICAL,RISK,BUSINESS}) gives each step its own (the last
 * repeats). An artifact already APPROVED or ACTIVE is left alone; a DEPRECATED or REVOKED one is refused (exit 1).
 */
@Command(name = "approve", mixinStandardHelpOptions = true,
        description = "Walks an artifact to APPROVED (DRAFT -> VALIDATED -> REVIEWED -> APPROVED), recording each step.")
public class ArtifactsApprove implements Callable<Integer> {

    static final List<String> STEPS = List.of("DRAFT", "VALIDATED", "REVIEWED");

    @Spec
    CommandSpec spec;

    @Mixin
    SignalOptions signal;

    @Option(names = "--id", required = true, paramLabel = "ARTIFACT_ID")
    String id;

    @Option(names = "--approver", required = true, paramLabel = "NAME", description = "who approves (recorded with each step)")
    String approver;

    @Option(names = "--type", required = true, split = ",", paramLabel = "TYPE",
            description = "TECHNICAL, RISK or BUSINESS; a comma list gives each step its own")
    List<String> types;

    @Option(names = "--notes", paramLabel = "TEXT", description = "review notes (recorded with each step)")
    String notes;

    @Override
    public Integer call() {
        ApiClient client = signal.client();
        PrintWriter out = spec.commandLine().getOut();
        String path = "/api/v1/artifacts/" + ArtifactsCommand.encode(id);
        String state = client.get(path).path("state").asText();
        if ("APPROVED".equals(state) || "ACTIVE".equals(state)) {
            out.printf("%s is already %s; nothing to do%n", id, state);
            out.flush();
            return ExitCodes.OK;
        }
        if (!STEPS.contains(state)) {
            throw new CliFailure(ExitCodes.FAILURE, id + " is " + state + ": only DRAFT, VALIDATED or REVIEWED artifacts can be approved"
                    + ("DEPRECATED".equals(state) ? " (use `tripwire artifacts rollback --to " + id + "`)" : ""));
        }
        for (int step = 0; STEPS.contains(state); step++) {
            String type = types.get(Math.min(step, types.size() - 1)).trim().toUpperCase(java.util.Locale.ROOT);
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("approver", approver);
            body.put("type", type);
            if (notes != null) {
                body.put("notes", notes);
            }
            JsonNode after = client.post(path + "/approve", body);
            out.printf("%s: %s -> %s (%s by %s)%n", id, state, after.path("state").asText(), type, approver);
            state = after.path("state").asText();
        }
        out.printf("%s is %s; the signal service loads it within 5 s (no restart needed)%n", id, state);
        out.flush();
        return ExitCodes.OK;
    }
}
