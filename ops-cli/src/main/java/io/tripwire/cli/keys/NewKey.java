package io.tripwire.cli.keys;

import com.fasterxml.jackson.databind.JsonNode;
import io.tripwire.cli.CliFailure;
import io.tripwire.cli.ExitCodes;
import io.tripwire.cli.SecretFiles;
import io.tripwire.cli.http.ApiClient;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;

/** Shows a newly issued key's secret exactly once: printed on its own line, or written to an owner-only file. */
final class NewKey {

    private NewKey() {
    }

    /** Prints the key's details and its secret (or where the secret went); returns the details. */
    static KeyView show(JsonNode answer, Path outFile, PrintWriter out) {
        KeyView key = ApiClient.read(answer.path("details"), KeyView.class);
        String secret = answer.path("key").asText();
        out.printf("key %s '%s' scopes %s, expires %s%n", key.prefix(), key.name(), String.join(",", key.scopes()),
                key.expiresAt());
        if (outFile != null) {
            try {
                SecretFiles.write(outFile, secret);
            } catch (IOException e) {
                throw new CliFailure(ExitCodes.FAILURE, "key " + key.prefix() + " was issued but cannot be written to "
                        + outFile + " (" + CliFailure.rootMessage(e) + "); revoke it and try again");
            }
            out.printf("secret written to %s (mode 600); it is not shown again%n", outFile);
        } else {
            out.println("secret (shown only this once; store it now):");
            out.println(secret);
        }
        return key;
    }
}
