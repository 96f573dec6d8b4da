import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.concurrent.ThreadLocalRandom;

import com.sun.net.httpserver.HttpServer;

/**
 * The same breach through Prometheus and Alertmanager: this program is the scraped exporter (one gauge,
 * {@code bench_value{run="N"}}, on a loopback port) and the stopwatch. No dependencies; JDK 17 runs the file
 * directly ({@code java bench/alerting/PromLatency.java ...}).
 *
 * <p>Each iteration N serves {@code bench_value{run="N"} 0}, waits until Prometheus has scraped it, waits a
 * random 0–1 s more (so the flip lands at a random point of the 1 s scrape and evaluation cycles), flips the
 * value to 150 and polls Alertmanager's {@code GET /api/v2/alerts} every 10 ms until it holds the alert of
 * run N. The latency is from the flip to the first response that contains it. Then run N+1 replaces the
 * series (a fresh label, so Alertmanager's resolved copy of run N never has to expire first).
 *
 * <p>Usage: {@code java PromLatency.java EXPORTER_PORT PROMETHEUS_BASE ALERTMANAGER_BASE ITERATIONS SAMPLES_FILE};
 * start it before Prometheus or after, it waits. Prints progress, then one line {@code RESULT key=value ...}.
 */
public class PromLatency {

    static final Duration READY_TIMEOUT = Duration.ofSeconds(60);
    static final Duration ALERT_TIMEOUT = Duration.ofSeconds(15);
    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    static volatile String metrics = "";

    public static void main(String[] args) throws Exception {
        if (args.length != 5) {
            System.err.println("usage: java PromLatency.java EXPORTER_PORT PROMETHEUS_BASE ALERTMANAGER_BASE ITERATIONS SAMPLES_FILE");
            System.exit(2);
        }
        int port = Integer.parseInt(args[0]);
        String prometheus = args[1];
        String alertmanager = args[2];
        int iterations = Integer.parseInt(args[3]);
        Path samplesFile = Path.of(args[4]);

        HttpServer exporter = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 16);
        exporter.createContext("/metrics", exchange -> {
            byte[] body = metrics.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "text/plain; version=0.0.4");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        exporter.start();
        System.out.printf("exporter on 127.0.0.1:%d/metrics%n", port);

        serve(0, 0);
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        while (!get(alertmanager + "/-/ready").startsWith("200") || !scraped(prometheus, 0)) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("Prometheus has not scraped the exporter, or Alertmanager is not ready, after " + READY_TIMEOUT);
            }
            Thread.sleep(100);
        }
        System.out.printf("Prometheus scrapes the exporter; scrape-to-evaluation phase this run: %s%n", phase(prometheus));

        double[] total = new double[iterations];
        double[] toPrometheus = new double[iterations];
        try (PrintWriter out = new PrintWriter(Files.newBufferedWriter(samplesFile))) {
            out.println("run,total_ms,flip_to_prometheus_active_ms");
            for (int run = 1; run <= iterations; run++) {
                serve(run, 0);
                while (!scraped(prometheus, run)) {
                    Thread.sleep(50);
                }
                Thread.sleep(ThreadLocalRandom.current().nextLong(1000));
                Instant flippedAt = Instant.now();
                long flipped = System.nanoTime();
                serve(run, 150);
                String filter = URLEncoder.encode("run=\"" + run + "\"", StandardCharsets.UTF_8);
                long held;
                while (true) {
                    String alerts = get(alertmanager + "/api/v2/alerts?filter=" + filter);
                    held = System.nanoTime();
                    if (alerts.contains("\"run\":\"" + run + "\"")) {
                        break;
                    }
                    if (held - flipped > ALERT_TIMEOUT.toNanos()) {
                        throw new IllegalStateException("Alertmanager has no alert for run " + run + " after " + ALERT_TIMEOUT);
                    }
                    Thread.sleep(10);
                }
                total[run - 1] = (held - flipped) / 1e6;
                toPrometheus[run - 1] = activeAt(prometheus, run).map(t -> Duration.between(flippedAt, t).toNanos() / 1e6)
                        .orElse(Double.NaN);
                out.printf("%d,%.1f,%.1f%n", run, total[run - 1], toPrometheus[run - 1]);
                System.out.printf("  run %d: %.0f ms (Prometheus active after %.0f ms)%n", run, total[run - 1], toPrometheus[run - 1]);
            }
        }
        exporter.stop(0);
        System.out.printf("RESULT n=%d p50_ms=%.1f p99_ms=%.1f max_ms=%.1f min_ms=%.1f prom_p50_ms=%.1f prom_max_ms=%.1f%n",
                iterations, pct(total, 50), pct(total, 99), pct(total, 100), pct(total, 0), pct(toPrometheus, 50),
                pct(toPrometheus, 100));
    }

    static void serve(int run, double value) {
        metrics = "# HELP bench_value The value bench/alerting.sh flips.\n# TYPE bench_value gauge\n"
                + "bench_value{run=\"" + run + "\"} " + value + "\n";
    }

    /** Whether Prometheus has a sample of run N (at value 0). */
    static boolean scraped(String prometheus, int run) {
        String query = URLEncoder.encode("bench_value{run=\"" + run + "\"}", StandardCharsets.UTF_8);
        return get(prometheus + "/api/v1/query?query=" + query).contains("\"run\":\"" + run + "\"");
    }

    /** When Prometheus's rule evaluation found run N above 100 (the alert's activeAt), if it says. */
    static java.util.Optional<Instant> activeAt(String prometheus, int run) {
        String alerts = get(prometheus + "/api/v1/alerts");
        int at = alerts.indexOf("\"run\":\"" + run + "\"");
        if (at < 0) {
            return java.util.Optional.empty();
        }
        String key = "\"activeAt\":\"";
        int start = alerts.indexOf(key, at);
        if (start < 0) {
            return java.util.Optional.empty();
        }
        start += key.length();
        return java.util.Optional.of(OffsetDateTime.parse(alerts.substring(start, alerts.indexOf('"', start))).toInstant());
    }

    /**
     * How long after a scrape of the exporter the rule group is evaluated (mod 1 s): fixed for a run, it is why
     * the mean latency differs from run to run by up to a second (Prometheus spreads both by hashing).
     */
    static String phase(String prometheus) throws InterruptedException {
        Thread.sleep(1500); // a full cycle, so both timestamps below are fresh
        Instant scrape = timestamp(get(prometheus + "/api/v1/targets"), "lastScrape");
        Instant eval = timestamp(get(prometheus + "/api/v1/rules"), "lastEvaluation");
        if (scrape == null || eval == null) {
            return "unknown";
        }
        long ms = Math.floorMod(Duration.between(scrape, eval).toMillis(), 1000);
        return ms + " ms (evaluation this long after each scrape)";
    }

    static Instant timestamp(String json, String name) {
        String key = "\"" + name + "\":\"";
        int start = json.indexOf(key);
        if (start < 0) {
            return null;
        }
        start += key.length();
        return OffsetDateTime.parse(json.substring(start, json.indexOf('"', start))).toInstant();
    }

    /** "STATUS BODY", or "000 error" when nothing answers. */
    static String get(String url) {
        try {
            HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(2)).build(),
                    HttpResponse.BodyHandlers.ofString());
            return r.statusCode() + " " + r.body();
        } catch (IOException e) {
            return "000 " + e.getMessage();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "000 interrupted";
        }
    }

    static double pct(double[] values, double p) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int rank = (int) Math.ceil(p / 100 * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }
}
