package io.tripwire.cli;

/** Process exit codes of the {@code tripwire} CLI; scripts branch on them, so they never change meaning. */
public final class ExitCodes {

    public static final int OK = 0;
    /** Anything else went wrong; the message says what. */
    public static final int FAILURE = 1;
    /** Bad command line (picocli's own code). */
    public static final int USAGE = 2;
    /** The service refused the API key (401) or its scopes (403). */
    public static final int REFUSED = 3;
    /** The service could not be reached (connection refused, timeout). */
    public static final int UNREACHABLE = 4;

    private ExitCodes() {
    }
}
