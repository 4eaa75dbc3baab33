package io.tripwire.cli.whoami;

import io.tripwire.cli.ExitCodes;
import io.tripwire.cli.gateway.GatewayOptions;
import io.tripwire.cli.http.ApiClient;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code tripwire whoami}: which principal and scopes the gateway sees for the stored key. */
@Command(name = "whoami", mixinStandardHelpOptions = true,
        description = "Asks the gateway (GET /api/v1/whoami) who the stored API key is and which scopes it has.")
public class WhoAmICommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    GatewayOptions gateway;

    @Override
    public Integer call() {
        WhoAmI me = ApiClient.read(gateway.client().get("/api/v1/whoami"), WhoAmI.class);
        PrintWriter out = spec.commandLine().getOut();
        out.printf("principal: %s%n", me.principal());
        out.printf("scopes:    %s%n", me.scopes() == null ? "" : String.join(" ", me.scopes()));
        out.printf("service:   %s (instance %s) at %s%n", me.service(), me.instance(), gateway.endpoint().url());
        out.flush();
        return ExitCodes.OK;
    }
}
