package io.tripwire.cli.whoami;

import io.quarkus.arc.Unremovable;
import io.quarkus.rest.client.reactive.QuarkusRestClientBuilder;
import io.tripwire.cli.CliConfig;
import io.tripwire.cli.ExitCodes;
import io.tripwire.cli.SecretFiles;
import io.tripwire.controlplane.reject.RejectBody;
import jakarta.enterprise.context.Dependent;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code tripwire whoami}: which principal and scopes the gateway sees for the stored key. */
@Dependent
@Unremovable // looked up by picocli through CdiCommandFactory, never injected
@Command(name = "whoami", mixinStandardHelpOptions = true,
        description = "Asks the gateway (GET /api/v1/whoami) who the stored API key is and which scopes it has.")
public class WhoAmICommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--key-file", paramLabel = "FILE", description = "API key file (default: cli.key-file, .run/admin.key)")
    Path keyFile;

    @Option(names = "--gateway-url", paramLabel = "URL",
            description = "service base URL (default: cli.gateway-url, http://127.0.0.1:8080)")
    URI gatewayUrl;

    private final CliConfig config;

    public WhoAmICommand(CliConfig config) {
        this.config = config;
    }

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Path file = keyFile != null ? keyFile : config.keyFile();
        URI url = gatewayUrl != null ? gatewayUrl : config.gatewayUrl();
        Optional<String> key = SecretFiles.read(file);
        if (key.isEmpty() || key.get().isEmpty()) {
            err.printf("whoami: no API key in %s; run `tripwire bootstrap` (or `make run`) first%n", file);
            return ExitCodes.FAILURE;
        }
        try (WhoAmIClient client = client(url)) {
            WhoAmI me = client.whoami("Bearer " + key.get());
            out.printf("principal: %s%n", me.principal());
            out.printf("scopes:    %s%n", String.join(" ", me.scopes()));
            out.printf("service:   %s (instance %s) at %s%n", me.service(), me.instance(), url);
            return ExitCodes.OK;
        } catch (WebApplicationException e) {
            return refused(e.getResponse(), url, err);
        } catch (ProcessingException e) {
            err.printf("whoami: cannot reach %s: %s. Is the stack running? (make ps)%n", url, rootMessage(e));
            return ExitCodes.UNREACHABLE;
        }
    }

    private WhoAmIClient client(URI url) {
        long timeoutMs = config.httpTimeout().toMillis();
        return QuarkusRestClientBuilder.newBuilder()
                .baseUri(url)
                .connectTimeout(timeoutMs, TimeUnit.MILLISECONDS)
                .readTimeout(timeoutMs, TimeUnit.MILLISECONDS)
                .build(WhoAmIClient.class);
    }

    private static int refused(Response response, URI url, PrintWriter err) {
        int status = response.getStatus();
        String reason = rejectReason(response);
        if (status == 401 || status == 403) {
            err.printf("whoami: %s refused the API key (HTTP %d%s); run `tripwire bootstrap` for a fresh key%n",
                    url, status, reason);
            return ExitCodes.REFUSED;
        }
        err.printf("whoami: %s answered HTTP %d%s%n", url, status, reason);
        return ExitCodes.FAILURE;
    }

    /** ": CODE message" from the Tripwire reject body, or "" when the body is something else. */
    private static String rejectReason(Response response) {
        try {
            RejectBody body = response.readEntity(RejectBody.class);
            return body == null || body.code() == null ? "" : ": " + body.code() + " " + body.message();
        } catch (RuntimeException notAReject) {
            return "";
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        return root.getMessage() != null ? root.getMessage() : root.getClass().getSimpleName();
    }
}
