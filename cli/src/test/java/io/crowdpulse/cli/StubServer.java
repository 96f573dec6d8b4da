package io.crowdpulse.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/** A real HTTP server on a free loopback port that answers canned responses and records every request. */
public final class StubServer implements AutoCloseable {

    private static final Reply NOT_FOUND = Reply.problem(404, "Not Found", "no stub for this request");

    private final HttpServer server;
    private final ExecutorService executor = Executors.newFixedThreadPool(8);
    private final Map<String, Function<Request, Reply>> routes = new ConcurrentHashMap<>();
    private final List<Request> requests = new CopyOnWriteArrayList<>();

    private StubServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.setExecutor(executor);
        server.start();
    }

    public static StubServer start() throws IOException {
        return new StubServer();
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** Answers {@code method path} (path without query; a trailing {@code *} matches any rest) with a JSON body. */
    public StubServer json(String method, String path, int status, String body) {
        return route(method, path, request -> new Reply(status, "application/json", body));
    }

    public StubServer route(String method, String path, Function<Request, Reply> handler) {
        routes.put(method + " " + path, handler);
        return this;
    }

    public List<Request> requests() {
        return List.copyOf(requests);
    }

    public Request lastRequest() {
        if (requests.isEmpty()) {
            throw new AssertionError("the stub received no request");
        }
        return requests.get(requests.size() - 1);
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange; InputStream in = exchange.getRequestBody()) {
            Request request = new Request(exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
                    exchange.getRequestURI().getQuery(),
                    exchange.getRequestHeaders().getFirst("Authorization"),
                    exchange.getRequestHeaders().getFirst("Content-Type"),
                    new String(in.readAllBytes(), StandardCharsets.UTF_8));
            requests.add(request);
            Reply reply = routeFor(request).apply(request);
            byte[] body = reply.body() == null ? new byte[0] : reply.body().getBytes(StandardCharsets.UTF_8);
            if (reply.contentType() != null) {
                exchange.getResponseHeaders().set("Content-Type", reply.contentType());
            }
            exchange.sendResponseHeaders(reply.status(), body.length == 0 ? -1 : body.length);
            if (body.length > 0) {
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            }
        }
    }

    private Function<Request, Reply> routeFor(Request request) {
        Function<Request, Reply> exact = routes.get(request.method() + " " + request.path());
        if (exact != null) {
            return exact;
        }
        return routes.entrySet().stream()
                .filter(e -> e.getKey().endsWith("*"))
                .filter(e -> (request.method() + " " + request.path())
                        .startsWith(e.getKey().substring(0, e.getKey().length() - 1)))
                .map(Map.Entry::getValue)
                .findFirst()
                .orElse(r -> NOT_FOUND);
    }

    /** One request as the stub received it; {@code query} is decoded. */
    public record Request(String method, String path, String query, String authorization, String contentType,
                          String body) {
    }

    /** What the stub answers. */
    public record Reply(int status, String contentType, String body) {

        public static Reply problem(int status, String title, String detail) {
            return new Reply(status, "application/problem+json",
                    "{\"type\":\"https://crowdpulse.io/problems/x\",\"title\":\"" + title + "\",\"status\":" + status
                            + ",\"detail\":\"" + detail + "\"}");
        }
    }
}
