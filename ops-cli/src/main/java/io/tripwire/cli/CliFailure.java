package io.tripwire.cli;

/**
 * A command cannot do its job for a reason the operator must read: printed as ONE line on stderr (no
 * stack trace) by {@link OneLineErrors}, and the process exits with {@link #exitCode()}.
 */
public final class CliFailure extends RuntimeException {

    private final int exitCode;

    public CliFailure(int exitCode, String message) {
        super(message, null, false, false);
        this.exitCode = exitCode;
    }

    public int exitCode() {
        return exitCode;
    }

    /** The innermost non-empty message of a failure chain (the JDK wraps "Connection refused" in message-less exceptions). */
    public static String rootMessage(Throwable failure) {
        String message = null;
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t.getMessage() != null && !t.getMessage().isBlank()) {
                message = t.getMessage();
            }
        }
        return message != null ? message : failure.getClass().getSimpleName();
    }
}
