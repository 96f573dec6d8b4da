package io.crowdpulse.cli;

import java.io.PrintWriter;

import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;

/** Turns every failure into one {@code error: ...} line on stderr and the matching exit code. */
final class ErrorHandlers {

    private ErrorHandlers() {
    }

    /** Failures while a command runs. */
    static final class Execution implements IExecutionExceptionHandler {

        @Override
        public int handleExecutionException(Exception ex, CommandLine commandLine, ParseResult parseResult) {
            if (ex instanceof CliException failure) {
                return report(commandLine.getErr(), failure.getMessage(), failure.exitCode());
            }
            if (ex instanceof ParameterException usage) {
                return new Parameters().handleParseException(usage, new String[0]);
            }
            // A bug or an unexpected answer: still one line, naming what broke.
            String message = ex.getMessage() == null ? ex.getClass().getSimpleName() : ex.getMessage();
            return report(commandLine.getErr(), message.replaceAll("\\s+", " ").strip(), ExitCodes.FAILURE);
        }
    }

    /** An invalid command line. */
    static final class Parameters implements IParameterExceptionHandler {

        @Override
        public int handleParseException(ParameterException ex, String[] args) {
            CommandLine commandLine = ex.getCommandLine();
            String help = commandLine.getCommandSpec().qualifiedName() + " --help";
            return report(commandLine.getErr(), ex.getMessage() + " (see '" + help + "')", ExitCodes.USAGE);
        }
    }

    private static int report(PrintWriter err, String message, int exitCode) {
        err.println("error: " + message);
        err.flush();
        return exitCode;
    }
}
