package io.tripwire.cli;

import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParseResult;

/**
 * Every failure of a command becomes one line on stderr, {@code tripwire <command>: <what went wrong>},
 * and an exit code from {@link ExitCodes}; an operator in an incident never has to read a stack trace.
 */
final class OneLineErrors implements IExecutionExceptionHandler {

    @Override
    public int handleExecutionException(Exception e, CommandLine command, ParseResult parsed) {
        String name = command.getCommandSpec().qualifiedName();
        if (e instanceof CliFailure failure) {
            command.getErr().printf("%s: %s%n", name, failure.getMessage());
            command.getErr().flush();
            return failure.exitCode();
        }
        command.getErr().printf("%s: failed (%s: %s)%n", name, e.getClass().getSimpleName(), CliFailure.rootMessage(e));
        command.getErr().flush();
        return ExitCodes.FAILURE;
    }
}
