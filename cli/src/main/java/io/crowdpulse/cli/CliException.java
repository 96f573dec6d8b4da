package io.crowdpulse.cli;

/** A failure to report to the user as one line on stderr, with the exit code it ends the command with. */
public final class CliException extends RuntimeException {

    private final int exitCode;

    public CliException(int exitCode, String message) {
        super(message, null, false, false);
        this.exitCode = exitCode;
    }

    public int exitCode() {
        return exitCode;
    }
}
