package io.crowdpulse.metrics.anomalies;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.crowdpulse.common.db.MonthlyPartitions;
import io.crowdpulse.common.db.PagedQuery;
import io.crowdpulse.common.paging.Page;
import io.crowdpulse.common.paging.PageRequest;
import io.crowdpulse.metrics.config.MetricsConfig;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;

/** Anomalies in PostgreSQL, in monthly partitions dropped whole past retention. */
@ApplicationScoped
public class AnomalyRepository {

    private static final Logger LOG = Logger.getLogger(AnomalyRepository.class);
    private static final TypeReference<Map<String, String>> LABELS = new TypeReference<>() { };
    private static final String COLUMNS = "id, detected_at, metric, target, labels, value, expected, score, severity, detector, confidence";

    private final DataSource dataSource;
    private final MonthlyPartitions partitions;
    private final ObjectMapper json;
    private final Clock clock;
    private final Duration retention;

    public AnomalyRepository(DataSource dataSource, ObjectMapper json, Clock clock, MetricsConfig config) {
        this.dataSource = dataSource;
        this.partitions = new MonthlyPartitions(dataSource, "anomalies");
        this.json = json;
        this.clock = clock;
        this.retention = config.anomalies().retention();
    }

    void onStart(@Observes StartupEvent event) {
        maintain();
    }

    @Scheduled(every = "1h", delayed = "1h", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void maintain() {
        try {
            YearMonth now = YearMonth.from(clock.instant().atZone(ZoneOffset.UTC));
            partitions.ensure(now);
            partitions.ensure(now.plusMonths(1));
            partitions.dropBefore(clock.instant().minus(retention));
        } catch (SQLException e) {
            LOG.warnf("Partition maintenance of anomalies failed, will retry: %s", e.getMessage());
        }
    }

    public void insert(List<AnomalyRecord> anomalies) throws SQLException {
        for (AnomalyRecord a : anomalies) {
            partitions.ensure(a.detectedAt());
        }
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "INSERT INTO anomalies (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?::jsonb, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING")) {
            c.setAutoCommit(false);
            for (AnomalyRecord a : anomalies) {
                ps.setObject(1, a.id());
                ps.setTimestamp(2, Timestamp.from(a.detectedAt()));
                ps.setString(3, a.metric());
                ps.setString(4, a.target());
                ps.setString(5, toJson(a.labels()));
                ps.setDouble(6, a.value());
                ps.setDouble(7, a.expected());
                ps.setDouble(8, a.score());
                ps.setString(9, a.severity());
                ps.setString(10, a.detector());
                ps.setDouble(11, a.confidence());
                ps.addBatch();
            }
            ps.executeBatch();
            c.commit();
        }
    }

    /** Anomalies detected in [from, to), newest first, optionally of one severity, metric or target. */
    public Page<AnomalyRecord> find(Instant from, Instant to, String severity, String metric, String target,
            PageRequest page) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            return new PagedQuery()
                    .where("detected_at >= ?", Timestamp.from(from))
                    .where("detected_at < ?", Timestamp.from(to))
                    .where("severity = ?", severity)
                    .where("metric = ?", metric)
                    .where("target = ?", target)
                    .run(c, COLUMNS, "anomalies", "detected_at DESC, id", page, rs -> new AnomalyRecord(
                            rs.getObject(1, UUID.class), rs.getTimestamp(2).toInstant(), rs.getString(3),
                            rs.getString(4), fromJson(rs.getString(5)), rs.getDouble(6), rs.getDouble(7),
                            rs.getDouble(8), rs.getString(9), rs.getString(10), rs.getDouble(11)));
        }
    }

    private String toJson(Map<String, String> labels) {
        try {
            return json.writeValueAsString(labels);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("labels always serialize", e);
        }
    }

    private Map<String, String> fromJson(String text) {
        try {
            return json.readValue(text, LABELS);
        } catch (JsonProcessingException e) {
            return Map.of();
        }
    }
}
