package io.crowdpulse.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

import picocli.CommandLine.IVersionProvider;

/** The version of this client, read from the properties Maven filters at build time. */
public final class Version implements IVersionProvider {

    private static final String VERSION = load();

    /** The version string, e.g. {@code 0.1.0-SNAPSHOT}. */
    public static String current() {
        return VERSION;
    }

    /** The User-Agent header this client sends. */
    public static String userAgent() {
        return "crowdpulse-cli/" + VERSION;
    }

    @Override
    public String[] getVersion() {
        return new String[] {
            "crowdpulse " + VERSION,
            "Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + ")"
        };
    }

    private static String load() {
        try (InputStream in = Version.class.getResourceAsStream("/crowdpulse-cli.properties")) {
            if (in == null) {
                return "unknown";
            }
            Properties properties = new Properties();
            properties.load(in);
            return properties.getProperty("version", "unknown");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
