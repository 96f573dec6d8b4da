import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Breach-to-alert latency of alerting-service, measured from outside over Redis pub/sub with no
 * dependencies (JDK 17 runs this file directly: {@code java bench/alerting/AlertLatency.java ...}).
 *
 * <p>It creates two rules per series ({@code bench-hi-N}: {@code bench.mN > 100}, warning; {@code bench-lo-N}:
 * {@code bench.mN < 10}, info), so that every snapshot of {@code series} samples is evaluated against
 * 2 × series rules. One thread publishes a snapshot of all series every {@code interval-ms}, every value
 * between 40 and 79. A breach sets one series to 150 (or 5, alternately, so both halves of the rules fire)
 * in the next snapshots until its {@code firing} event arrives; the latency is from just before that
 * snapshot's PUBLISH is written to the socket to the moment the event is read from the subscription. Then
 * the series returns to normal and the next breach waits for its {@code resolved} event. Every breach uses
 * a different series, so fingerprints never repeat (and nothing flaps).
 *
 * <p>Usage: {@code java AlertLatency.java API_BASE NAMESPACE SERIES INTERVAL_MS WARMUP BREACHES SAMPLES_FILE}.
 * Prints progress, then one line {@code RESULT key=value ...} that bench/alerting.sh reads.
 */
public class AlertLatency {

    static final String ADMIN_KEY = "bench-admin";
    static final String VIEWER_KEY = "bench-viewer";
    static final Duration FIRST_ALERT_TIMEOUT = Duration.ofSeconds(60); // lease taken, rules loaded
    static final Duration EVENT_TIMEOUT = Duration.ofSeconds(10);

    /** A breach asked of the publisher, and when the first snapshot carrying it was written. */
    record Breach(int series, double value, CompletableFuture<long[]> published) {
    }

    /** An alert event as read from the subscription. */
    record Event(long receivedNanos, Instant receivedAt, String rule, String state, String timestamp) {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 7) {
            System.err.println("usage: java AlertLatency.java API_BASE NAMESPACE SERIES INTERVAL_MS WARMUP BREACHES SAMPLES_FILE");
            System.exit(2);
        }
        String api = args[0];
        String namespace = args[1];
        int series = Integer.parseInt(args[2]);
        int intervalMs = Integer.parseInt(args[3]);
        int warmup = Integer.parseInt(args[4]);
        int breaches = Integer.parseInt(args[5]);
        Path samplesFile = Path.of(args[6]);
        if (warmup + breaches + 1 > series) {
            throw new IllegalArgumentException("need a fresh series per breach: warmup + breaches + 1 must be <= series");
        }

        createRules(api, series);

        BlockingQueue<Event> events = new LinkedBlockingQueue<>();
        Redis subscriber = new Redis();
        subscriber.command("SUBSCRIBE", namespace + ".alerts.events");
        subscriber.read(); // the subscribe confirmation
        Thread reader = new Thread(() -> readEvents(subscriber, events), "alert-events");
        reader.setDaemon(true);
        reader.start();

        Publisher publisher = new Publisher(new Redis(), namespace + ".metrics.snapshots", series);
        ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor();
        ticker.scheduleAtFixedRate(publisher::publish, 0, intervalMs, TimeUnit.MILLISECONDS);

        System.out.printf("publishing %d series every %d ms; waiting for the first alert (evaluator lease, rules loaded)%n",
                series, intervalMs);
        int next = 0;
        long[] first = breach(publisher, events, next++, FIRST_ALERT_TIMEOUT);
        System.out.printf("first alert fired (not measured: %.0f ms after its first breaching snapshot); %d warm-up breaches%n",
                first[0] / 1e6, warmup);
        for (int i = 0; i < warmup; i++) {
            breach(publisher, events, next++, EVENT_TIMEOUT);
        }

        System.out.printf("measuring %d breaches%n", breaches);
        double[] total = new double[breaches];
        double[] evaluated = new double[breaches];
        double[] written = new double[breaches];
        try (PrintWriter out = new PrintWriter(Files.newBufferedWriter(samplesFile))) {
            out.println("series,direction,total_ms,publish_to_evaluated_ms,evaluated_to_received_ms");
            for (int i = 0; i < breaches; i++) {
                int s = next++;
                long[] r = breach(publisher, events, s, EVENT_TIMEOUT);
                total[i] = r[0] / 1e6;
                evaluated[i] = r[1] / 1e3;
                written[i] = r[2] / 1e3;
                out.printf("%d,%s,%.3f,%.3f,%.3f%n", s, s % 2 == 0 ? "up" : "down", total[i], evaluated[i], written[i]);
                if ((i + 1) % 20 == 0) {
                    System.out.printf("  %d/%d, last %.1f ms%n", i + 1, breaches, total[i]);
                }
            }
        }
        ticker.shutdownNow();

        System.out.printf(
                "RESULT n=%d p50_ms=%.1f p99_ms=%.1f max_ms=%.1f min_ms=%.1f eval_p50_ms=%.1f eval_p99_ms=%.1f write_p50_ms=%.1f write_p99_ms=%.1f"
                        + " snapshots=%d duplicates=%d unexpected=%d%n",
                breaches, pct(total, 50), pct(total, 99), pct(total, 100), pct(total, 0), pct(evaluated, 50),
                pct(evaluated, 99), pct(written, 50), pct(written, 99), publisher.count, duplicates, unexpected);
        System.exit(0);
    }

    static int duplicates;
    static int unexpected;

    /**
     * Breaches series {@code s} until its firing event arrives, then lets it return to normal and waits for its
     * resolved event. Returns the latency in ns, and the two stages (publish to the event's timestamp, which is
     * when the engine evaluated the snapshot; from there to reception) in µs.
     */
    static long[] breach(Publisher publisher, BlockingQueue<Event> events, int s, Duration timeout) throws Exception {
        boolean up = s % 2 == 0;
        String rule = (up ? "bench-hi-" : "bench-lo-") + s;
        Breach b = new Breach(s, up ? 150.0 : 5.0, new CompletableFuture<>());
        publisher.breach.set(b);
        Event firing = await(events, rule, "firing", timeout);
        publisher.breach.compareAndSet(b, null);
        long[] published = b.published().get(1, TimeUnit.SECONDS);
        await(events, rule, "resolved", EVENT_TIMEOUT);
        Instant publishedAt = Instant.ofEpochSecond(0, published[1]);
        Instant evaluatedAt = Instant.parse(firing.timestamp());
        return new long[] {firing.receivedNanos() - published[0],
                Duration.between(publishedAt, evaluatedAt).toNanos() / 1000,
                Duration.between(evaluatedAt, firing.receivedAt()).toNanos() / 1000};
    }

    /** Waits for {@code state} of {@code rule}; counts anything else that arrives meanwhile. */
    static Event await(BlockingQueue<Event> events, String rule, String state, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            Event e = events.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
            if (e == null) {
                throw new IllegalStateException("no " + state + " event for rule " + rule + " within " + timeout);
            }
            if (e.rule().equals(rule) && e.state().equals(state)) {
                return e;
            }
            if (e.rule().equals(rule) && e.state().equals("firing")) {
                duplicates++;
            } else if (!e.rule().equals(rule)) {
                unexpected++;
                System.out.printf("  unexpected event: %s %s%n", e.rule(), e.state());
            }
        }
    }

    static void readEvents(Redis subscriber, BlockingQueue<Event> events) {
        try {
            while (true) {
                Object reply = subscriber.read();
                long nanos = System.nanoTime();
                Instant at = Instant.now();
                if (reply instanceof List<?> push && push.size() == 3 && "message".equals(push.get(0))) {
                    String json = (String) push.get(2);
                    events.add(new Event(nanos, at, field(json, "rule"), field(json, "state"), field(json, "timestamp")));
                }
            }
        } catch (IOException e) {
            System.err.println("subscription ended: " + e.getMessage());
        }
    }

    /** The first string value of {@code name} in a flat enough JSON text. */
    static String field(String json, String name) {
        String key = "\"" + name + "\":\"";
        int start = json.indexOf(key);
        if (start < 0) {
            return "";
        }
        start += key.length();
        return json.substring(start, json.indexOf('"', start));
    }

    /** Nearest-rank percentile; 0 is the minimum, 100 the maximum. */
    static double pct(double[] values, double p) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int rank = (int) Math.ceil(p / 100 * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }

    /** Publishes the snapshots; a pending breach replaces its series' value until it is taken back. */
    static final class Publisher {
        final AtomicReference<Breach> breach = new AtomicReference<>();
        final Redis redis;
        final String channel;
        final int series;
        long count;

        Publisher(Redis redis, String channel, int series) {
            this.redis = redis;
            this.channel = channel;
            this.series = series;
        }

        void publish() {
            try {
                Breach b = breach.get();
                StringBuilder json = new StringBuilder(64 * series);
                json.append("{\"type\":\"metrics.snapshot\",\"version\":1,\"timestamp\":\"").append(Instant.now())
                        .append("\",\"samples\":[");
                for (int i = 0; i < series; i++) {
                    double value = b != null && b.series() == i ? b.value() : 40 + (count + i) % 40;
                    json.append(i == 0 ? "" : ",").append("{\"metric\":\"bench.m").append(i)
                            .append("\",\"target\":\"bench\",\"labels\":{},\"value\":").append(value).append('}');
                }
                byte[] payload = json.append("]}").toString().getBytes(StandardCharsets.UTF_8);
                Instant wall = Instant.now();
                long nanos = System.nanoTime();
                redis.command("PUBLISH", channel, payload);
                Object receivers = redis.read();
                if (b != null) {
                    b.published().complete(new long[] {nanos, wall.getEpochSecond() * 1_000_000_000L + wall.getNano()});
                }
                if (count++ == 0 && Long.valueOf(0).equals(receivers)) {
                    System.out.println("  warning: nobody is subscribed to " + channel + " yet");
                }
            } catch (Exception e) {
                System.err.println("publishing failed: " + e);
                System.exit(1);
            }
        }
    }

    /** Just enough RESP2 over a plain socket: write a command, read one reply. */
    static final class Redis {
        final InputStream in;
        final OutputStream out;

        Redis() throws IOException {
            Socket socket = new Socket("127.0.0.1", 6379);
            socket.setTcpNoDelay(true);
            in = new BufferedInputStream(socket.getInputStream(), 1 << 16);
            out = new BufferedOutputStream(socket.getOutputStream(), 1 << 16);
        }

        void command(Object... parts) throws IOException {
            out.write(("*" + parts.length + "\r\n").getBytes(StandardCharsets.US_ASCII));
            for (Object part : parts) {
                byte[] bytes = part instanceof byte[] raw ? raw : part.toString().getBytes(StandardCharsets.UTF_8);
                out.write(("$" + bytes.length + "\r\n").getBytes(StandardCharsets.US_ASCII));
                out.write(bytes);
                out.write('\r');
                out.write('\n');
            }
            out.flush();
        }

        Object read() throws IOException {
            String line = line();
            char type = line.charAt(0);
            String rest = line.substring(1);
            switch (type) {
                case '+':
                    return rest;
                case '-':
                    throw new IOException("Redis error: " + rest);
                case ':':
                    return Long.parseLong(rest);
                case '$': {
                    int n = Integer.parseInt(rest);
                    if (n < 0) {
                        return null;
                    }
                    byte[] data = in.readNBytes(n + 2);
                    return new String(data, 0, n, StandardCharsets.UTF_8);
                }
                case '*': {
                    int n = Integer.parseInt(rest);
                    List<Object> items = new ArrayList<>(Math.max(n, 0));
                    for (int i = 0; i < n; i++) {
                        items.add(read());
                    }
                    return items;
                }
                default:
                    throw new IOException("unexpected RESP reply: " + line);
            }
        }

        private String line() throws IOException {
            ByteArrayOutputStream buf = new ByteArrayOutputStream();
            int c;
            while ((c = in.read()) != '\r') {
                if (c < 0) {
                    throw new IOException("connection closed");
                }
                buf.write(c);
            }
            in.read(); // '\n'
            return buf.toString(StandardCharsets.US_ASCII);
        }
    }

    /** Two rules per series; fails on anything but 201, then checks that the service lists them all. */
    static void createRules(String api, int series) throws Exception {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        long started = System.nanoTime();
        Map<String, String> rules = new LinkedHashMap<>();
        for (int i = 0; i < series; i++) {
            rules.put("bench-hi-" + i, rule("bench-hi-" + i, i, ">", 100, "warning"));
            rules.put("bench-lo-" + i, rule("bench-lo-" + i, i, "<", 10, "info"));
        }
        List<CompletableFuture<HttpResponse<String>>> batch = new ArrayList<>();
        for (Map.Entry<String, String> r : rules.entrySet()) {
            batch.add(http.sendAsync(HttpRequest.newBuilder(URI.create(api + "/api/v1/rules"))
                    .header("Authorization", "Bearer " + ADMIN_KEY).header("Content-Type", "application/json")
                    .timeout(Duration.ofSeconds(30)).POST(HttpRequest.BodyPublishers.ofString(r.getValue())).build(),
                    HttpResponse.BodyHandlers.ofString()));
            if (batch.size() == 8) { // a few in flight, not a thousand
                check(batch);
            }
        }
        check(batch);
        System.out.printf("created %d rules in %.1f s%n", rules.size(), (System.nanoTime() - started) / 1e9);
        // The service may list fewer for a few seconds (its periodic re-read of the rules catches up).
        long listedSince = System.nanoTime();
        int listed = listed(http, api);
        if (listed != rules.size()) {
            System.out.printf("  note: the service lists %d of them right after the last 201; waiting%n", listed);
            while ((listed = listed(http, api)) != rules.size() && System.nanoTime() - listedSince < 30e9) {
                Thread.sleep(200);
            }
            if (listed != rules.size()) {
                throw new IllegalStateException("the service lists " + listed + " bench rules, not " + rules.size());
            }
            System.out.printf("  note: all %d listed %.1f s after the last 201%n", listed, (System.nanoTime() - listedSince) / 1e9);
        }
    }

    static int listed(HttpClient http, String api) throws Exception {
        HttpResponse<String> list = http.send(HttpRequest.newBuilder(URI.create(api + "/api/v1/rules"))
                .header("Authorization", "Bearer " + VIEWER_KEY).build(), HttpResponse.BodyHandlers.ofString());
        return list.body().split("\"name\":\"bench-", -1).length - 1;
    }

    static String rule(String name, int series, String comparator, double threshold, String severity) {
        return "{\"name\":\"" + name + "\",\"kind\":\"threshold\",\"metric\":\"bench.m" + series + "\",\"comparator\":\""
                + comparator + "\",\"threshold\":" + threshold + ",\"for\":\"0s\",\"keepFiringFor\":\"0s\",\"severity\":\""
                + severity + "\"}";
    }

    static void check(List<CompletableFuture<HttpResponse<String>>> batch) throws Exception {
        for (CompletableFuture<HttpResponse<String>> f : batch) {
            HttpResponse<String> r = f.get(60, TimeUnit.SECONDS);
            if (r.statusCode() != 201) {
                throw new IllegalStateException("creating a rule: HTTP " + r.statusCode() + " " + r.body());
            }
        }
        batch.clear();
    }
}
