package io.crowdpulse.metrics.support;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;

import com.sun.net.httpserver.HttpServer;

/**
 * A real HTTP endpoint on loopback serving Prometheus text that a script writes per scrape (the n-th
 * scrape gets {@code script.apply(n)}), optionally slowly, for the collector to scrape in tests.
 */
public final class ScriptedExporter implements AutoCloseable {

    private final HttpServer server;
    private final AtomicInteger scrapes = new AtomicInteger();

    private ScriptedExporter(IntFunction<String> script, long delayMillis) throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(Executors.newFixedThreadPool(4));
        server.createContext("/metrics", exchange -> {
            int n = scrapes.getAndIncrement();
            if (delayMillis > 0) {
                try {
                    Thread.sleep(delayMillis); // the slow target this exporter stands for
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            byte[] body = script.apply(n).getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "text/plain; version=0.0.4");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
    }

    public static ScriptedExporter start(IntFunction<String> script) throws IOException {
        return new ScriptedExporter(script, 0);
    }

    public static ScriptedExporter slow(IntFunction<String> script, long delayMillis) throws IOException {
        return new ScriptedExporter(script, delayMillis);
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/metrics";
    }

    public int scrapes() {
        return scrapes.get();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
