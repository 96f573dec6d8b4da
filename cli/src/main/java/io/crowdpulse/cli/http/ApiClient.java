package io.crowdpulse.cli.http;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

import io.crowdpulse.cli.CliException;
import io.crowdpulse.cli.ExitCodes;
import io.crowdpulse.cli.Version;
import io.crowdpulse.cli.time.DurationFormat;

/**
 * Talks to one Crowdpulse service over HTTP: sends the API key, applies the timeout, and turns every failure
 * into a {@link CliException} whose message is the one line the user sees.
 */
public final class ApiClient {

    private final String service;
    private final String baseUrl;
    private final String apiKey;
    private final Duration timeout;
    private final HttpClient http;

    public ApiClient(String service, String baseUrl, String apiKey, Duration timeout) {
        this.service = service;
        this.baseUrl = validBaseUrl(baseUrl);
        this.apiKey = apiKey == null || apiKey.isBlank() ? null : apiKey.strip();
        this.timeout = timeout;
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(timeout)
                .build();
    }

    /** GET with the API key; a non-2xx answer is a {@link CliException}. */
    public ApiResponse get(ApiPath path) {
        return checked(send(request(path, true).GET()));
    }

    /** GET without the API key, returning whatever status the service answered (for open endpoints). */
    public ApiResponse getOpen(ApiPath path) {
        return send(request(path, false).GET());
    }

    /** POST {@code body} as JSON; a non-2xx answer is a {@link CliException}. */
    public ApiResponse post(ApiPath path, Object body) {
        return checked(send(jsonPost(path, body)));
    }

    /** DELETE; a non-2xx answer is a {@link CliException}. */
    public ApiResponse delete(ApiPath path) {
        return checked(send(request(path, true).DELETE()));
    }

    /** POST without waiting; the future fails with a {@link CliException} as {@link #post} would throw it. */
    public CompletableFuture<ApiResponse> postAsync(ApiPath path, Object body) {
        return sendAsync(jsonPost(path, body));
    }

    /** DELETE without waiting; the future fails with a {@link CliException} as {@link #delete} would throw it. */
    public CompletableFuture<ApiResponse> deleteAsync(ApiPath path) {
        return sendAsync(request(path, true).DELETE());
    }

    public String baseUrl() {
        return baseUrl;
    }

    private HttpRequest.Builder jsonPost(ApiPath path, Object body) {
        return request(path, true)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(Json.write(body)));
    }

    private HttpRequest.Builder request(ApiPath path, boolean withKey) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(baseUrl + path))
                .timeout(timeout)
                .header("Accept", "application/json, application/problem+json")
                .header("User-Agent", Version.userAgent());
        if (withKey && apiKey != null) {
            builder.header("Authorization", "Bearer " + apiKey);
        }
        return builder;
    }

    private ApiResponse send(HttpRequest.Builder request) {
        try {
            return toApiResponse(http.send(request.build(), HttpResponse.BodyHandlers.ofString()));
        } catch (IOException e) {
            throw failure(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliException(ExitCodes.FAILURE, "interrupted");
        }
    }

    private CompletableFuture<ApiResponse> sendAsync(HttpRequest.Builder request) {
        return http.sendAsync(request.build(), HttpResponse.BodyHandlers.ofString())
                .handle((response, error) -> {
                    if (error != null) {
                        throw failure(error instanceof CompletionException ? error.getCause() : error);
                    }
                    return checked(toApiResponse(response));
                });
    }

    private static ApiResponse toApiResponse(HttpResponse<String> response) {
        return new ApiResponse(response.statusCode(),
                response.headers().firstValue("Content-Type").orElse(""), response.body());
    }

    private static ApiResponse checked(ApiResponse response) {
        if (!response.isSuccess()) {
            throw new CliException(ExitCodes.FAILURE, ProblemLine.format(response.status(), response.body()));
        }
        return response;
    }

    private CliException failure(Throwable error) {
        String where = service + " at " + baseUrl;
        if (error instanceof HttpConnectTimeoutException) {
            return new CliException(ExitCodes.UNREACHABLE,
                    where + " unreachable (connect timed out after " + DurationFormat.format(timeout) + ")");
        }
        if (error instanceof HttpTimeoutException) {
            return new CliException(ExitCodes.UNREACHABLE,
                    where + " did not answer within " + DurationFormat.format(timeout));
        }
        if (error instanceof CliException cliException) {
            return cliException;
        }
        if (error instanceof ConnectException || isCausedBy(error, UnresolvedAddressException.class)) {
            return new CliException(ExitCodes.UNREACHABLE, where + " unreachable (" + connectReason(error) + ")");
        }
        return new CliException(ExitCodes.UNREACHABLE, where + " failed: " + describe(error));
    }

    private String connectReason(Throwable error) {
        if (isCausedBy(error, UnresolvedAddressException.class) || isCausedBy(error, UnknownHostException.class)) {
            return "unknown host " + URI.create(baseUrl).getHost();
        }
        String message = firstMessage(error);
        // JDK 17's client reports a refused connection as a ConnectException with no message at all.
        if (message == null || message.toLowerCase(Locale.ROOT).contains("refused")) {
            return "connection refused";
        }
        return message.toLowerCase(Locale.ROOT);
    }

    private static boolean isCausedBy(Throwable error, Class<? extends Throwable> type) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }

    private static String describe(Throwable error) {
        String message = firstMessage(error);
        return message == null ? error.getClass().getSimpleName() : message;
    }

    private static String firstMessage(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t.getMessage() != null && !t.getMessage().isBlank()) {
                return t.getMessage().replaceAll("\\s+", " ").strip();
            }
        }
        return null;
    }

    private static String validBaseUrl(String url) {
        String trimmed = url == null ? "" : url.strip();
        while (trimmed.endsWith("/")) {
            trimmed = trimmed.substring(0, trimmed.length() - 1);
        }
        try {
            URI uri = new URI(trimmed);
            if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null) {
                throw new URISyntaxException(trimmed, "expected http://host[:port]");
            }
        } catch (URISyntaxException e) {
            throw new CliException(ExitCodes.USAGE, "invalid --url '" + url + "' (expected e.g. http://localhost:8081)");
        }
        return trimmed;
    }
}
