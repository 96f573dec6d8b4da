package io.crowdpulse.optimizer.strategy.standard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import io.crowdpulse.common.tuning.KnobNames;
import io.crowdpulse.optimizer.figures.TestFigures;
import io.crowdpulse.optimizer.figures.Metrics;
import io.crowdpulse.optimizer.figures.SeriesFigures;
import io.crowdpulse.optimizer.strategy.Proposal;
import io.crowdpulse.optimizer.strategy.Risk;

class ConnectionPoolStrategyTest {

    private final ConnectionPoolStrategy strategy = ConnectionPoolStrategy.newBuilder().build();

    private static TestFigures pool(long size, long min, long max, double usage, double waiting) {
        return TestFigures.of("alerting-service")
                .knob(KnobNames.DB_POOL_MAX_SIZE, size, min, max)
                .value(Metrics.DB_POOL, usage)
                .value(Metrics.DB_POOL_WAITING, waiting);
    }

    /** Usage averaging {@code mean} and peaking at {@code peak}; waits averaging and peaking as given. */
    private static TestFigures quiet(long size, long min, double mean, double peak, double waitingMean,
            double waitingPeak) {
        return TestFigures.of("alerting-service")
                .knob(KnobNames.DB_POOL_MAX_SIZE, size, min, 100)
                .series(new SeriesFigures(Metrics.DB_POOL, mean, mean, 0, peak, peak, 0, 60))
                .series(new SeriesFigures(Metrics.DB_POOL_WAITING, waitingMean, waitingMean, 0, waitingPeak,
                        waitingPeak, 0, 60));
    }

    @Test
    void shouldAddAConnectionForEveryWaitingThread() {
        Proposal p = strategy.evaluate(pool(10, 1, 100, 1.0, 5).build()).orElseThrow();

        assertEquals("connection-pool", p.strategy());
        assertEquals(KnobNames.DB_POOL_MAX_SIZE, p.knob());
        assertEquals(10, p.from());
        assertEquals(15, p.to());
        assertEquals(1.0 / 3, p.expectedImpact(), 1e-12, "5 waiting of 15 wanting a connection");
        assertEquals(Risk.MEDIUM, p.risk());
        assertEquals(80, p.priority());
        assertEquals("5 threads waiting for a database connection, pool usage 100% of 10 → db.pool-max-size 10 → 15",
                p.rationale());
    }

    @Test
    void shouldGrowBetweenAQuarterAndTwofold() {
        Proposal many = strategy.evaluate(pool(10, 1, 100, 1.0, 30).build()).orElseThrow();
        assertEquals(20, many.to());
        assertEquals(0.4, many.expectedImpact(), 1e-12);

        Proposal busy = strategy.evaluate(TestFigures.of("t").knob(KnobNames.DB_POOL_MAX_SIZE, 10, 1, 100)
                .value(Metrics.DB_POOL, 0.95).build()).orElseThrow();
        assertEquals(13, busy.to(), "12.5 rounds up");
        assertEquals(0.1, busy.expectedImpact(), 1e-12);
        assertEquals("database pool usage 95% of 10 → db.pool-max-size 10 → 13", busy.rationale());
    }

    @Test
    void shouldShrinkAnIdlePoolSoItsPeakUsesSixtyPercent() {
        Proposal p = strategy.evaluate(quiet(10, 1, 0.1, 0.2, 0, 0).build()).orElseThrow();
        assertEquals(3, p.to(), "10 × 0.2 / 0.6 = 3.3");
        assertEquals(0, p.expectedImpact());
        assertEquals(Risk.LOW, p.risk());
        assertEquals(40, p.priority());
        assertEquals("database pool of 10 idle: peak usage 20%, no waits → db.pool-max-size 10 → 3", p.rationale());

        assertEquals(1, strategy.evaluate(quiet(10, 1, 0.01, 0.05, 0, 0).build()).orElseThrow().to(),
                "never sized for less than 10 % usage");
    }

    @Test
    void shouldNotApplyToHealthyFigures() {
        assertTrue(strategy.evaluate(quiet(10, 1, 0.5, 0.7, 0, 0).build()).isEmpty());
        assertTrue(strategy.evaluate(quiet(10, 1, 0.1, 0.2, 0.1, 1).build()).isEmpty(), "quiet, but someone waited");
    }

    @Test
    void shouldNotApplyWithoutTheKnobOrTheFigures() {
        assertTrue(strategy.evaluate(TestFigures.of("t").value(Metrics.DB_POOL, 1.0).value(Metrics.DB_POOL_WAITING, 5)
                .build()).isEmpty(), "no knob");
        assertTrue(strategy.evaluate(TestFigures.of("t").knob(KnobNames.DB_POOL_MAX_SIZE, 10, 1, 100).build())
                .isEmpty(), "no pool figures");
        assertTrue(strategy.evaluate(TestFigures.of("t").knob(KnobNames.DB_POOL_MAX_SIZE, 10, 1, 100)
                .value(Metrics.DB_POOL_WAITING, 0).build()).isEmpty(), "no usage to shrink by");
    }

    @Test
    void shouldStayInsideTheKnobsBounds() {
        assertEquals(12, strategy.evaluate(pool(10, 1, 12, 1.0, 5).build()).orElseThrow().to());
        assertTrue(strategy.evaluate(pool(12, 1, 12, 1.0, 5).build()).isEmpty(), "at its maximum");
        assertTrue(strategy.evaluate(quiet(3, 3, 0.1, 0.2, 0, 0).build()).isEmpty(), "at its minimum");
        assertEquals(5, strategy.evaluate(quiet(10, 5, 0.1, 0.2, 0, 0).build()).orElseThrow().to());
    }

    @Test
    void shouldRejectBadThresholds() {
        assertThrows(IllegalArgumentException.class, () -> ConnectionPoolStrategy.newBuilder().minWaiting(0));
        assertThrows(IllegalArgumentException.class, () -> ConnectionPoolStrategy.newBuilder().targetUsage(0));
        assertThrows(IllegalArgumentException.class, () -> ConnectionPoolStrategy.newBuilder().maxGrowth(1));
    }
}
