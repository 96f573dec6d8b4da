package io.crowdpulse.cli;

/** Entry point of the {@code crowdpulse} command-line client. */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        System.exit(CrowdpulseCommand.newCommandLine().execute(args));
    }
}
