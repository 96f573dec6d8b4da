package io.crowdpulse.optimizer.support;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A small application implementing the tuning contract (GET /api/v1/tuning, PUT /api/v1/tuning/{name}) on a
 * loopback port, for API tests that need a target to change; it records every change and can be made to
 * fail. The end-to-end test uses the real session-service instead.
 */
public final class FakeTarget implements AutoCloseable {

    public static final String KEY = "fake-target-admin";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** A knob: whole-number value within bounds. */
    public record Knob(String name, long min, long max, String unit) {
    }

    private final HttpServer server;
    private final Map<String, Knob> knobs = new ConcurrentHashMap<>();
    private final Map<String, Long> values = new ConcurrentHashMap<>();
    private final List<String> changes = new CopyOnWriteArrayList<>();
    private volatile boolean failing;

    private FakeTarget() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50);
        server.createContext("/api/v1/tuning", this::handle);
        server.start();
    }

    public static FakeTarget start() {
        try {
            return new FakeTarget();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The URL of the one fake target of this JVM, started with {@code setup} on first use. Quarkus loads test
     * profiles in more than one class loader, so the test talks to it over HTTP ({@link Handle}), never
     * through a static instance.
     */
    public static synchronized String shared(java.util.function.Consumer<FakeTarget> setup) {
        String url = System.getProperty(URL_PROPERTY);
        if (url == null) {
            FakeTarget target = start();
            setup.accept(target);
            url = target.url();
            System.setProperty(URL_PROPERTY, url);
        }
        return url;
    }

    private static final String URL_PROPERTY = "crowdpulse.test.fake-target.url";

    /** The test's view of a fake target, over HTTP. */
    public record Handle(String url) {

        public long value(String knob) {
            return io.restassured.RestAssured.given().baseUri(url).header("Authorization", "Bearer " + KEY)
                    .get("/api/v1/tuning/" + knob).then().statusCode(200).extract().jsonPath().getLong("value");
        }

        /** Sets a knob without it counting as a change. */
        public void set(String knob, long value) {
            io.restassured.RestAssured.given().baseUri(url).header("Authorization", "Bearer " + KEY)
                    .header(CONTROL, "true").contentType("application/json").body(Map.of("value", value))
                    .put("/api/v1/tuning/" + knob).then().statusCode(200);
        }

        /** How many changes the target received. */
        public int changes() {
            return Integer.parseInt(io.restassured.RestAssured.given().baseUri(url).header("Authorization", "Bearer " + KEY)
                    .get("/api/v1/tuning").then().statusCode(200).extract().header("X-Changes"));
        }
    }

    private static final String CONTROL = "X-Fake-Control";

    public FakeTarget knob(String name, long value, long min, long max, String unit) {
        knobs.put(name, new Knob(name, min, max, unit));
        values.put(name, value);
        return this;
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    public long value(String knob) {
        return values.get(knob);
    }

    public void set(String knob, long value) {
        values.put(knob, value);
    }

    /** Every change received, as {@code name=value}, oldest first. */
    public List<String> changes() {
        return List.copyOf(changes);
    }

    /** Makes every call answer 500 (true) or work again (false). */
    public void failing(boolean fail) {
        this.failing = fail;
    }

    private void handle(HttpExchange ex) throws IOException {
        try (ex) {
            ex.setAttribute("changes", changes.size());
            if (!("Bearer " + KEY).equals(ex.getRequestHeaders().getFirst("Authorization"))) {
                send(ex, 401, Map.of("title", "Unauthorized"));
                return;
            }
            if (failing) {
                send(ex, 500, Map.of("title", "Internal error"));
                return;
            }
            String path = ex.getRequestURI().getPath();
            if (ex.getRequestMethod().equals("GET") && path.equals("/api/v1/tuning")) {
                send(ex, 200, knobs.values().stream().map(k -> view(k.name())).toList());
                return;
            }
            String name = path.substring("/api/v1/tuning/".length());
            Knob knob = knobs.get(name);
            if (knob == null) {
                send(ex, 404, Map.of("title", "Not found"));
                return;
            }
            if (ex.getRequestMethod().equals("PUT")) {
                double value = JSON.readTree(ex.getRequestBody()).path("value").asDouble(Double.NaN);
                if (!(value >= knob.min() && value <= knob.max()) || value != Math.rint(value)) {
                    send(ex, 400, Map.of("title", "Invalid request", "detail", "value out of bounds"));
                    return;
                }
                values.put(name, (long) value);
                if (ex.getRequestHeaders().getFirst(CONTROL) == null) {
                    changes.add(name + "=" + (long) value);
                }
            }
            send(ex, 200, view(name));
        }
    }

    private Map<String, Object> view(String name) {
        Knob k = knobs.get(name);
        return Map.of("name", name, "value", values.get(name), "min", k.min(), "max", k.max(), "unit", k.unit(),
                "description", "fake " + name);
    }

    private static int changeCount(HttpExchange ex) {
        Object count = ex.getAttribute("changes");
        return count == null ? 0 : (Integer) count;
    }

    private static void send(HttpExchange ex, int status, Object body) throws IOException {
        byte[] bytes = JSON.writeValueAsBytes(body);
        ex.getResponseHeaders().add("Content-Type", status < 400 ? "application/json" : "application/problem+json");
        ex.getResponseHeaders().add("X-Changes", String.valueOf(changeCount(ex)));
        ex.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
