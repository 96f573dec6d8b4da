package io.crowdpulse.optimizer.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import io.crowdpulse.common.events.MetricSample;
import io.crowdpulse.common.events.MetricsSnapshotEvent;

/** Publishes snapshots to Redis over one plain socket (RESP), for tests that run without Quarkus. */
public final class RawPublisher implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper().findAndRegisterModules()
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    private final Socket socket;
    private final OutputStream out;
    private final InputStream in;
    private final String namespace;

    public RawPublisher(String namespace) {
        try {
            this.socket = new Socket("127.0.0.1", 6379);
            this.out = socket.getOutputStream();
            this.in = socket.getInputStream();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        this.namespace = namespace;
    }

    public synchronized void snapshot(String target, Map<String, Double> values) {
        List<MetricSample> samples = new ArrayList<>();
        values.forEach((metric, value) -> samples.add(new MetricSample(metric, target, Map.of(), value)));
        try {
            publish(namespace + ".metrics.snapshots", JSON.writeValueAsString(MetricsSnapshotEvent.of(Instant.now(), samples)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void publish(String channel, String message) throws IOException {
        StringBuilder cmd = new StringBuilder("*3\r\n");
        for (String part : List.of("PUBLISH", channel, message)) {
            byte[] bytes = part.getBytes(StandardCharsets.UTF_8);
            cmd.append('$').append(bytes.length).append("\r\n").append(part).append("\r\n");
        }
        out.write(cmd.toString().getBytes(StandardCharsets.UTF_8));
        out.flush();
        int c;
        while ((c = in.read()) != -1 && c != '\n') {
            // the integer reply: how many subscribers heard it
        }
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException e) {
            // done
        }
    }
}
