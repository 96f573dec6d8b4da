package io.crowdpulse.anomaly.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs the packaged jar as DESIGN.md documents it: {@code java -jar anomaly/target/crowdpulse-anomaly.jar FILE.csv}. */
class ScoreCsvJarIT {

    @TempDir
    Path dir;

    @Test
    void shouldScoreACsvWithTheSelfContainedJar() throws IOException, InterruptedException {
        Path jar = Path.of(System.getProperty("anomaly.jar", "target/crowdpulse-anomaly.jar"));
        assertTrue(Files.isRegularFile(jar), "missing " + jar.toAbsolutePath());
        StringBuilder csv = new StringBuilder("timestamp,value\n");
        for (int i = 0; i < 1_000; i++) {
            csv.append(1_396_310_400L + i * 60L).append(',').append(i == 800 ? "95" : String.valueOf(10 + i % 7))
                    .append('\n');
        }
        Path in = Files.writeString(dir.resolve("in.csv"), csv);
        Path out = dir.resolve("out.csv");
        Path err = dir.resolve("err.txt");

        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", jar.toString(), in.toString())
                .redirectOutput(out.toFile())
                .redirectError(err.toFile())
                .start();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "the scorer did not finish");
        assertEquals(0, p.exitValue(), Files.readString(err));

        List<String> lines = Files.readAllLines(out, StandardCharsets.UTF_8);
        assertEquals(1_001, lines.size());
        assertEquals("timestamp,value,anomaly_score", lines.get(0));
        assertTrue(lines.get(801).startsWith("1396358400,95,"), lines.get(801));
        assertTrue(Double.parseDouble(lines.get(801).split(",")[2]) >= 0.5, lines.get(801));
    }
}
