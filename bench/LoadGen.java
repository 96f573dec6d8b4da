import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.locks.LockSupport;

/**
 * The load generator of bench/overload.sh (run as {@code java bench/LoadGen.java …}, no build needed).
 * Open loop ({@code --rate R}): requests start at Poisson-distributed instants at R per second, whatever
 * the server does, so an overloaded server sees the offered load, not a load that slows down with it (as
 * closed-loop tools do) or arrives in synchronized waves (as hey's per-worker tickers do). Closed loop
 * ({@code --concurrency C}): C clients back to back. At most {@code --max-inflight} (2000) requests are
 * open at once; an arrival beyond that is counted as skipped, not sent. Prints one line:
 * {@code LOAD sent=… ok=… shed=… other=… errors=… timeouts=… skipped=… seconds=… goodput=… p50_ms=… p99_ms=… max_ms=…},
 * the percentiles over the 2xx responses only (the admitted requests).
 */
public final class LoadGen {

    private static final int MAX_SAMPLES = 2_000_000;

    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final HttpRequest request;
    private final AtomicLongArray okNanos = new AtomicLongArray(MAX_SAMPLES);
    private final AtomicInteger okCount = new AtomicInteger();
    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong shed = new AtomicLong();
    private final AtomicLong other = new AtomicLong();
    private final AtomicLong errors = new AtomicLong();
    private final AtomicLong timeouts = new AtomicLong();
    private final AtomicLong done = new AtomicLong();
    private final AtomicLong skipped = new AtomicLong();
    private int maxInflight = 2000;

    private LoadGen(String url, String header, Duration timeout) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(timeout).GET();
        if (header != null) {
            int colon = header.indexOf(':');
            b.header(header.substring(0, colon).trim(), header.substring(colon + 1).trim());
        }
        this.request = b.build();
    }

    public static void main(String[] args) throws Exception {
        String url = null;
        String header = null;
        double rate = 0;
        int concurrency = 0;
        int maxInflight = 2000;
        double seconds = 10;
        double timeoutSeconds = 10;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--rate" -> rate = Double.parseDouble(args[++i]);
                case "--concurrency" -> concurrency = Integer.parseInt(args[++i]);
                case "--seconds" -> seconds = Double.parseDouble(args[++i]);
                case "--timeout" -> timeoutSeconds = Double.parseDouble(args[++i]);
                case "--header" -> header = args[++i];
                case "--max-inflight" -> maxInflight = Integer.parseInt(args[++i]);
                default -> url = args[i];
            }
        }
        if (url == null || (rate <= 0) == (concurrency <= 0)) {
            System.err.println("usage: java LoadGen.java (--rate R | --concurrency C) [--seconds S] [--timeout S]"
                    + " [--header 'Name: value'] URL");
            System.exit(2);
        }
        LoadGen gen = new LoadGen(url, header, Duration.ofMillis((long) (timeoutSeconds * 1000)));
        gen.maxInflight = maxInflight;
        long durationNanos = (long) (seconds * 1e9);
        long start = System.nanoTime();
        if (rate > 0) {
            gen.openLoop(rate, start, durationNanos);
        } else {
            gen.closedLoop(concurrency, start, durationNanos);
        }
        double elapsed = (System.nanoTime() - start) / 1e9;
        // Let what is in flight finish (bounded by the request timeout), then report.
        long deadline = System.nanoTime() + (long) ((timeoutSeconds + 2) * 1e9);
        while (gen.done.get() < gen.sent.get() && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        gen.report(Math.min(elapsed, seconds));
        System.exit(0);
    }

    private void openLoop(double rate, long start, long durationNanos) {
        double meanGapNanos = 1e9 / rate;
        long next = start;
        while (next - start < durationNanos) {
            long wait = next - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
            }
            if (sent.get() - done.get() >= maxInflight) {
                // As many requests open as a client would hold connections for: this one is not sent.
                skipped.incrementAndGet();
            } else {
                send(null);
            }
            next += (long) (-Math.log(1 - ThreadLocalRandom.current().nextDouble()) * meanGapNanos);
        }
    }

    private void closedLoop(int concurrency, long start, long durationNanos) throws InterruptedException {
        long end = start + durationNanos;
        for (int i = 0; i < concurrency; i++) {
            send(end);
        }
        while (System.nanoTime() < end) {
            Thread.sleep(10);
        }
    }

    /** Sends one request; in closed loop ({@code end} set) the next one when it completes, until {@code end}. */
    private void send(Long end) {
        sent.incrementAndGet();
        long t0 = System.nanoTime();
        client.sendAsync(request, HttpResponse.BodyHandlers.discarding()).whenComplete((response, failure) -> {
            long took = System.nanoTime() - t0;
            if (failure != null) {
                if (failure instanceof HttpTimeoutException || failure.getCause() instanceof HttpTimeoutException) {
                    timeouts.incrementAndGet();
                } else {
                    errors.incrementAndGet();
                }
            } else if (response.statusCode() / 100 == 2) {
                int i = okCount.getAndIncrement();
                if (i < MAX_SAMPLES) {
                    okNanos.set(i, took);
                }
            } else if (response.statusCode() == 503) {
                shed.incrementAndGet();
            } else {
                other.incrementAndGet();
            }
            done.incrementAndGet();
            if (end != null && System.nanoTime() < end) {
                send(end);
            }
        });
    }

    private void report(double seconds) {
        int n = Math.min(okCount.get(), MAX_SAMPLES);
        long[] lat = new long[n];
        for (int i = 0; i < n; i++) {
            lat[i] = okNanos.get(i);
        }
        Arrays.sort(lat);
        System.out.printf("LOAD sent=%d ok=%d shed=%d other=%d errors=%d timeouts=%d skipped=%d seconds=%.3f"
                + " goodput=%.1f p50_ms=%s p99_ms=%s max_ms=%s%n", sent.get(), okCount.get(), shed.get(), other.get(),
                errors.get(), timeouts.get(), skipped.get(), seconds, okCount.get() / seconds, pct(lat, 0.50), pct(lat, 0.99),
                n == 0 ? "-" : String.format("%.1f", lat[n - 1] / 1e6));
    }

    private static String pct(long[] sorted, double q) {
        if (sorted.length == 0) {
            return "-";
        }
        int i = (int) Math.ceil(q * sorted.length) - 1;
        return String.format("%.1f", sorted[Math.max(0, i)] / 1e6);
    }
}
