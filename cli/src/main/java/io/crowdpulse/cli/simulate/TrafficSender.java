package io.crowdpulse.cli.simulate;

import java.util.List;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;

import com.fasterxml.jackson.databind.JsonNode;

import io.crowdpulse.cli.CliException;
import io.crowdpulse.cli.ExitCodes;
import io.crowdpulse.cli.http.ApiClient;
import io.crowdpulse.cli.http.ApiPath;
import io.crowdpulse.cli.http.ApiResponse;
import io.crowdpulse.cli.sessions.Activity;

/**
 * Sends simulation steps to the session-service: heartbeats through {@code POST /activity/batch} in batches,
 * logouts as {@code DELETE /sessions/{id}}, with a bounded number of requests in flight.
 */
final class TrafficSender {

    static final int MAX_BATCH = 1000;
    private static final ApiPath BATCH = ApiPath.of("activity", "batch");

    private final ApiClient client;
    private final int batchSize;
    private final int maxInFlight;
    private final Semaphore inFlight;
    private final SimulationStats stats;
    private final Set<CompletableFuture<?>> pendingBatches = ConcurrentHashMap.newKeySet();

    TrafficSender(ApiClient client, int batchSize, int maxInFlight, SimulationStats stats) {
        if (batchSize < 1 || batchSize > MAX_BATCH) {
            throw new IllegalArgumentException("batch size must be between 1 and " + MAX_BATCH);
        }
        this.client = client;
        this.batchSize = batchSize;
        this.maxInFlight = maxInFlight;
        this.inFlight = new Semaphore(maxInFlight);
        this.stats = stats;
    }

    void send(SimulationStep step) throws InterruptedException {
        List<Activity> heartbeats = step.heartbeats();
        for (int from = 0; from < heartbeats.size(); from += batchSize) {
            List<Activity> batch = heartbeats.subList(from, Math.min(from + batchSize, heartbeats.size()));
            inFlight.acquire();
            CompletableFuture<ApiResponse> request = client.postAsync(BATCH, batch);
            pendingBatches.add(request);
            request.whenComplete((response, error) -> {
                pendingBatches.remove(request);
                inFlight.release();
                if (error != null) {
                    stats.requestFailed(unwrap(error));
                } else {
                    stats.heartbeatsAccepted(accepted(response, batch.size()));
                }
            });
        }
        if (!step.endedSessions().isEmpty()) {
            // A heartbeat still in flight would revive a session deleted before it lands.
            awaitBatches();
            for (String session : step.endedSessions()) {
                inFlight.acquire();
                client.deleteAsync(ApiPath.of("sessions", session)).whenComplete((response, error) -> {
                    inFlight.release();
                    if (error != null) {
                        stats.requestFailed(unwrap(error));
                    } else {
                        stats.requestSucceeded();
                    }
                });
            }
        }
    }

    /** Waits until every request sent so far has been answered or has failed. */
    void drain() throws InterruptedException {
        inFlight.acquire(maxInFlight);
        inFlight.release(maxInFlight);
    }

    private void awaitBatches() {
        try {
            CompletableFuture.allOf(pendingBatches.toArray(CompletableFuture[]::new)).join();
        } catch (CompletionException | CancellationException e) {
            // Already counted as a failed request by its own completion handler.
        }
    }

    private static long accepted(ApiResponse response, int sent) {
        if (!response.hasBody()) {
            return sent;
        }
        try {
            JsonNode accepted = response.json().path("accepted");
            return accepted.isNumber() ? accepted.asLong() : sent;
        } catch (IllegalArgumentException notJson) {
            return sent;
        }
    }

    private static CliException unwrap(Throwable error) {
        Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
        return cause instanceof CliException cliException
                ? cliException
                : new CliException(ExitCodes.FAILURE, String.valueOf(cause.getMessage()));
    }
}
