package io.crowdpulse.alerting.alerts;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.YearMonth;
import java.time.ZoneOffset;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import io.crowdpulse.alerting.config.AlertingConfig;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;

/**
 * Keeps alert history bounded: the monthly partitions of the timeline exist ahead of time and are dropped
 * whole past retention, and resolved alerts older than retention are deleted.
 */
@ApplicationScoped
public class HistoryRetention {

    private static final Logger LOG = Logger.getLogger(HistoryRetention.class);

    private final AlertRepository alerts;
    private final DataSource dataSource;
    private final Clock clock;
    private final Duration retention;

    public HistoryRetention(AlertRepository alerts, DataSource dataSource, Clock clock, AlertingConfig config) {
        this.alerts = alerts;
        this.dataSource = dataSource;
        this.clock = clock;
        this.retention = config.historyRetention();
    }

    void onStart(@Observes StartupEvent event) {
        maintain();
    }

    @Scheduled(every = "1h", delayed = "1h", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void maintain() {
        try {
            YearMonth now = YearMonth.from(clock.instant().atZone(ZoneOffset.UTC));
            alerts.eventPartitions().ensure(now);
            alerts.eventPartitions().ensure(now.plusMonths(1));
            alerts.eventPartitions().dropBefore(clock.instant().minus(retention));
            try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                    "DELETE FROM alerts WHERE state = 'RESOLVED' AND ends_at < ?")) {
                ps.setTimestamp(1, Timestamp.from(clock.instant().minus(retention)));
                int deleted = ps.executeUpdate();
                if (deleted > 0) {
                    LOG.infof("Deleted %d resolved alerts past retention", deleted);
                }
            }
        } catch (SQLException e) {
            LOG.warnf("Alert history maintenance failed, will retry: %s", e.getMessage());
        }
    }
}
