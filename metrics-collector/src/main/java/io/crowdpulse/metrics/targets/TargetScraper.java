package io.crowdpulse.metrics.targets;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import io.crowdpulse.common.events.MetricSample;
import io.crowdpulse.metrics.config.MetricsConfig;
import io.crowdpulse.metrics.scrape.Exposition;
import io.crowdpulse.metrics.scrape.GaugeMapping;
import io.crowdpulse.metrics.scrape.HttpFigures;
import io.crowdpulse.metrics.scrape.HttpHistogramDelta;
import io.crowdpulse.metrics.scrape.MappedSample;
import io.crowdpulse.metrics.scrape.PrometheusTextParser;

/**
 * Scrapes the Prometheus endpoints of the targets this replica owns, all at once, each bounded by the
 * scrape timeout so a slow or dead target never delays the others. From consecutive scrapes it derives
 * throughput, error rate and latency percentiles of the last interval (bucket deltas), plus queue, pool
 * and other gauges, and an up/scrape-time pair per target.
 */
@ApplicationScoped
public class TargetScraper {

    static final String HTTP_FAMILY = "http_server_requests_seconds";
    private static final int ROUTES_PER_TARGET = 20;
    private static final int GAUGES_PER_TARGET = 500;

    private record Scrape(Exposition exposition, long atMillis) {
    }

    private final HttpClient client;
    private final Duration timeout;
    private final Clock clock;
    private final Map<String, Scrape> previous = new ConcurrentHashMap<>();
    private final Map<String, Instant> lastSuccess = new ConcurrentHashMap<>();

    public TargetScraper(MetricsConfig config, Clock clock) {
        this.timeout = config.scrapeTimeout();
        this.clock = clock;
        this.client = HttpClient.newBuilder().connectTimeout(timeout).version(HttpClient.Version.HTTP_1_1).build();
    }

    @PreDestroy
    void close() {
        previous.clear();
    }

    /** Scrapes every target given and returns their samples; reports each target's status to the registry. */
    public List<MetricSample> scrape(List<Target> targets, TargetRegistry registry, String owner) {
        Map<Target, CompletableFuture<HttpResponse<String>>> inFlight = new LinkedHashMap<>();
        long started = System.nanoTime();
        for (Target target : targets) {
            HttpRequest request = HttpRequest.newBuilder(target.url()).timeout(timeout)
                    .header("Accept", "text/plain;version=0.0.4").GET().build();
            inFlight.put(target, client.sendAsync(request, HttpResponse.BodyHandlers.ofString()));
        }
        List<MetricSample> samples = new ArrayList<>();
        long deadline = started + timeout.toNanos() + TimeUnit.MILLISECONDS.toNanos(50);
        for (Map.Entry<Target, CompletableFuture<HttpResponse<String>>> entry : inFlight.entrySet()) {
            Target target = entry.getKey();
            String error = null;
            HttpResponse<String> response = null;
            try {
                response = entry.getValue().get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                if (response.statusCode() != 200) {
                    error = "HTTP " + response.statusCode();
                }
            } catch (java.util.concurrent.TimeoutException e) {
                entry.getValue().cancel(true);
                error = "timed out after " + timeout.toMillis() + " ms";
            } catch (java.util.concurrent.ExecutionException e) {
                error = e.getCause() == null ? e.getMessage() : e.getCause().getClass().getSimpleName()
                        + (e.getCause().getMessage() == null ? "" : ": " + e.getCause().getMessage());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                error = "interrupted";
            }
            double millis = (System.nanoTime() - started) / 1e6;
            Instant now = clock.instant();
            if (error == null) {
                samples.addAll(derive(target.name(), response.body(), now.toEpochMilli()));
                lastSuccess.put(target.name(), now);
            }
            samples.add(new MetricSample("target.up", target.name(), Map.of(), error == null ? 1 : 0));
            samples.add(new MetricSample("target.scrape_ms", target.name(), Map.of(), millis));
            registry.report(new TargetStatus(target.name(), error == null, now, millis, error, owner,
                    lastSuccess.get(target.name())));
        }
        return samples;
    }

    /** The samples of one successful scrape; rates need the previous scrape of the same target. */
    List<MetricSample> derive(String target, String body, long atMillis) {
        Exposition exposition = PrometheusTextParser.parse(body);
        List<MetricSample> samples = new ArrayList<>();
        Scrape before = previous.put(target, new Scrape(exposition, atMillis));
        if (before != null && atMillis > before.atMillis()) {
            double seconds = (atMillis - before.atMillis()) / 1000.0;
            HttpFigures overall = HttpHistogramDelta.derive(before.exposition(), exposition, seconds, HTTP_FAMILY);
            addHttp(samples, target, Map.of(), overall);
            HttpHistogramDelta.deriveBy(before.exposition(), exposition, seconds, HTTP_FAMILY, "uri", ROUTES_PER_TARGET)
                    .forEach((uri, figures) -> addHttp(samples, target, Map.of("route", uri), figures));
        }
        for (MappedSample gauge : GaugeMapping.map(exposition, GAUGES_PER_TARGET)) {
            samples.add(new MetricSample(gauge.metric(), target, gauge.labels(), gauge.value()));
        }
        if (exposition.invalidLines() > 0) {
            samples.add(new MetricSample("target.invalid_lines", target, Map.of(), exposition.invalidLines()));
        }
        return samples;
    }

    private static void addHttp(List<MetricSample> samples, String target, Map<String, String> labels, HttpFigures f) {
        samples.add(new MetricSample("http.rps", target, labels, f.rps()));
        samples.add(new MetricSample("http.error_rate", target, labels, f.errorRate()));
        samples.add(new MetricSample("http.throttled_rate", target, labels, f.throttledRate()));
        if (f.requests() > 0) {
            samples.add(new MetricSample("http.p50_ms", target, labels, f.p50Ms()));
            samples.add(new MetricSample("http.p95_ms", target, labels, f.p95Ms()));
            samples.add(new MetricSample("http.p99_ms", target, labels, f.p99Ms()));
        }
    }
}
