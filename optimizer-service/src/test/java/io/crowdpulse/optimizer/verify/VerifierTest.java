package io.crowdpulse.optimizer.verify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import org.junit.jupiter.api.Test;

class VerifierTest {

    private static final WindowFigures BEFORE = new WindowFigures(100, 200, 0.01, 2.0, 30);

    private final Verifier verifier = new Verifier(0.10);

    @Test
    void shouldMeasureAnImprovementAsTheWeightedRelativeChanges() {
        VerificationResult result = verifier.verify(BEFORE, new WindowFigures(80, 150, 0.01, 2.2, 30));

        assertEquals(0.25 * 0.2 + 0.35 * 0.25 + 0.15 * 0.1, result.measuredImpact(), 1e-12);
        assertFalse(result.degraded());
        assertTrue(result.conclusive());
        assertEquals(-0.2, result.changes().get(Verifier.P95), 1e-12);
        assertEquals(-0.25, result.changes().get(Verifier.P99), 1e-12);
        assertEquals(0, result.changes().get(Verifier.ERROR_RATE), 1e-12);
        assertEquals(0.1, result.changes().get(Verifier.THROUGHPUT), 1e-12);
        assertEquals("p95 100→80 ms (-20.0%), p99 200→150 ms (-25.0%), error rate 0.01000→0.01000 (+0.0%), "
                + "throughput/user 2→2.200 (+10.0%); impact +0.153; within the 10% rollback threshold",
                result.summary());
    }

    @Test
    void shouldCallADegradationBeyondTheThresholdDegraded() {
        VerificationResult result = verifier.verify(BEFORE, new WindowFigures(100, 230, 0.01, 2.0, 30));

        assertTrue(result.degraded());
        assertEquals(-0.35 * 0.15, result.measuredImpact(), 1e-12);
        assertTrue(result.summary().endsWith("degraded beyond 10%: p99 15.0% worse"), result.summary());
    }

    @Test
    void shouldNotCallADegradationAtTheThresholdDegraded() {
        assertFalse(verifier.verify(BEFORE, new WindowFigures(100, 220, 0.01, 2.0, 30)).degraded());
    }

    @Test
    void shouldCallLowerThroughputPerUserDegraded() {
        VerificationResult result = verifier.verify(BEFORE, new WindowFigures(100, 200, 0.01, 1.7, 30));
        assertTrue(result.degraded());
        assertEquals(-0.15 * 0.15, result.measuredImpact(), 1e-12);
    }

    @Test
    void shouldMeasureSmallErrorRatesAgainstAFloor() {
        WindowFigures before = new WindowFigures(100, 200, 0.001, 2.0, 30);
        VerificationResult tiny = verifier.verify(before, new WindowFigures(100, 200, 0.002, 2.0, 30));
        assertFalse(tiny.degraded());
        assertEquals(0.05, tiny.changes().get(Verifier.ERROR_RATE), 1e-12, "0.001 / 0.02, not 100 %");

        assertTrue(verifier.verify(BEFORE, new WindowFigures(100, 200, 0.02, 2.0, 30)).degraded(), "0.01 → 0.02");
    }

    @Test
    void shouldMeasureSmallLatenciesAgainstAFloor() {
        VerificationResult result = verifier.verify(new WindowFigures(1, 1, 0, 2.0, 30),
                new WindowFigures(2, 2, 0, 2.0, 30));
        assertFalse(result.degraded(), result.summary());
        assertEquals(0.1, result.changes().get(Verifier.P99), 1e-12, "1 ms more against a 10 ms floor");
    }

    @Test
    void shouldLeaveOutFiguresNotMeasuredInBothWindows() {
        VerificationResult result = verifier.verify(new WindowFigures(Double.NaN, 200, 0.01, 0, 30),
                new WindowFigures(80, 150, 0.01, 2.0, 30));

        assertEquals(Map.of(Verifier.P99, -0.25, Verifier.ERROR_RATE, 0.0), result.changes());
        assertEquals((0.35 * 0.25) / 0.6, result.measuredImpact(), 1e-12);
        assertTrue(result.summary().contains("not measured: p95, throughput/user"), result.summary());
    }

    @Test
    void shouldNotJudgeOnTooFewSamples() {
        VerificationResult result = verifier.verify(BEFORE, new WindowFigures(100, 900, 0.5, 0.1, 3));

        assertFalse(result.degraded());
        assertFalse(result.conclusive());
        assertTrue(Double.isNaN(result.measuredImpact()));
        assertEquals("not enough data: 30 samples before and 3 after, 5 needed in each window; not rolled back",
                result.summary());
    }

    @Test
    void shouldNotJudgeWhenNoFigureWasMeasured() {
        WindowFigures nothing = new WindowFigures(Double.NaN, Double.NaN, Double.NaN, Double.NaN, 30);
        VerificationResult result = verifier.verify(nothing, nothing);
        assertFalse(result.degraded());
        assertFalse(result.conclusive());
    }

    @Test
    void shouldCountACollapseAsAtMostMinusOne() {
        VerificationResult result = verifier.verify(BEFORE, new WindowFigures(1000, 2000, 0.5, 0, 30));
        assertEquals(-1, result.measuredImpact(), 1e-12);
        assertTrue(result.degraded());
    }

    @Test
    void shouldRejectBadSettings() {
        assertThrows(IllegalArgumentException.class, () -> new Verifier(-0.1));
        assertThrows(IllegalArgumentException.class, () -> new Verifier(Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> Verifier.newBuilder().minSamples(0));
    }
}
