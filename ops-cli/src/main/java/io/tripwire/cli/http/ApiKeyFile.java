package io.tripwire.cli.http;

import io.tripwire.cli.CliFailure;
import io.tripwire.cli.ExitCodes;
import io.tripwire.cli.SecretFiles;
import java.io.IOException;
import java.nio.file.Path;

/** Reads the API key a command authenticates with; a missing or empty file is a one-line failure. */
public final class ApiKeyFile {

    private ApiKeyFile() {
    }

    public static String read(Path file) {
        try {
            String key = SecretFiles.read(file).orElse("");
            if (key.isEmpty()) {
                throw new CliFailure(ExitCodes.FAILURE,
                        "no API key in " + file + "; run `tripwire bootstrap` (or `make run`) first, or pass --key-file");
            }
            return key;
        } catch (IOException e) {
            throw new CliFailure(ExitCodes.FAILURE, "cannot read API key file " + file + ": " + CliFailure.rootMessage(e));
        }
    }
}
