package io.crowdpulse.optimizer.support;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A small application implementing the tuning contract (GET /api/v1/tuning, PUT /api/v1/tuning/{name}) on a
 * loopback port, for API tests that need a target to change; it records every change and can be made to
 * fail or answer slowly (also over HTTP, {@link Handle}). The end-to-end test uses the real session-service
 * instead.
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
    private final AtomicInteger requests = new AtomicInteger();
    private final ExecutorService executor = Executors.newFixedThreadPool(4);
    private volatile boolean failing;
    private volatile int failStatus = 500;
    private volatile long delayMillis;

    private FakeTarget() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50);
        server.createContext("/api/v1/tuning", this::handle);
        server.createContext(CONTROL_PATH, this::control);
        server.setExecutor(executor); // slow answers must not hold up the next request
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
        return shared("", setup);
    }

    /** Like {@link #shared(java.util.function.Consumer)}, one fake target per {@code id} in this JVM. */
    public static synchronized String shared(String id, java.util.function.Consumer<FakeTarget> setup) {
        String property = URL_PROPERTY + (id.isEmpty() ? "" : "." + id);
        String url = System.getProperty(property);
        if (url == null) {
            FakeTarget target = start();
            setup.accept(target);
            url = target.url();
            System.setProperty(property, url);
        }
        return url;
    }

    /**
     * A target name for this run, {@code prefix-xxxxxxxx}, the same in every class loader, so runs never share
     * recommendations or actions.
     */
    public static String runName(String prefix) {
        return System.getProperties().computeIfAbsent("crowdpulse.test.fake-target.name." + prefix,
                k -> prefix + "-" + java.util.UUID.randomUUID().toString().substring(0, 8)).toString();
    }

    private static final String URL_PROPERTY = "crowdpulse.test.fake-target.url";
    private static final String CONTROL_PATH = "/fake-control";

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

        /** The optimizer's configuration of this fake as its target {@code name}: URL and key. */
        public Map<String, String> asTarget(String name) {
            String prefix = "crowdpulse.optimizer.targets.\"" + name + "\".";
            return Map.of(prefix + "url", url, prefix + "api-key", KEY);
        }

        /** How many changes the target received. */
        public int changes() {
            return Integer.parseInt(io.restassured.RestAssured.given().baseUri(url).header("Authorization", "Bearer " + KEY)
                    .get("/api/v1/tuning").then().statusCode(200).extract().header("X-Changes"));
        }

        /** Makes every tuning call wait {@code delayMillis}, then answer {@code status} (an error), or work with 0. */
        public void behave(int status, long delayMillis) {
            io.restassured.RestAssured.given().baseUri(url).contentType("application/json")
                    .body(Map.of("failStatus", status, "delayMillis", delayMillis)).put(CONTROL_PATH).then().statusCode(204);
        }

        /** How many tuning calls the target received, answered or not. */
        public int requests() {
            return io.restassured.RestAssured.given().baseUri(url).get(CONTROL_PATH).then().statusCode(200)
                    .extract().jsonPath().getInt("requests");
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
        this.failStatus = 500;
        this.failing = fail;
    }

    private void control(HttpExchange ex) throws IOException {
        try (ex) {
            if (ex.getRequestMethod().equals("PUT")) {
                var body = JSON.readTree(ex.getRequestBody());
                failStatus = body.path("failStatus").asInt(0);
                failing = failStatus != 0;
                delayMillis = body.path("delayMillis").asLong(0);
                ex.sendResponseHeaders(204, -1);
                return;
            }
            send(ex, 200, Map.of("requests", requests.get()));
        }
    }

    private void handle(HttpExchange ex) throws IOException {
        try (ex) {
            requests.incrementAndGet();
            ex.setAttribute("changes", changes.size());
            if (delayMillis > 0) {
                pause(delayMillis);
            }
            if (!("Bearer " + KEY).equals(ex.getRequestHeaders().getFirst("Authorization"))) {
                send(ex, 401, Map.of("title", "Unauthorized"));
                return;
            }
            if (failing) {
                send(ex, failStatus, Map.of("title", "Internal error"));
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

    /** A slow target, as the tests need one: the answer waits. */
    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
