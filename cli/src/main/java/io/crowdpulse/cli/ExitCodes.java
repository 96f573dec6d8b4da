package io.crowdpulse.cli;

/** The exit codes of every {@code crowdpulse} command. */
public final class ExitCodes {

    /** The command did what was asked. */
    public static final int OK = 0;
    /** The service answered with an error, or reported itself unhealthy. */
    public static final int FAILURE = 1;
    /** The command line was invalid. */
    public static final int USAGE = 2;
    /** The service could not be reached or did not answer in time. */
    public static final int UNREACHABLE = 3;

    private ExitCodes() {
    }
}
