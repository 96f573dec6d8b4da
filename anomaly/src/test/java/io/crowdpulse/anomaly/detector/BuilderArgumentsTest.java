package io.crowdpulse.anomaly.detector;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class BuilderArgumentsTest {

    @Test
    void shouldRejectBadPolicySettings() {
        ScoringPolicy.Builder b = ScoringPolicy.newBuilder();
        assertThrows(IllegalArgumentException.class, () -> b.warmUpPoints(29));
        assertThrows(IllegalArgumentException.class, () -> b.refractoryPoints(10, 5));
        assertThrows(IllegalArgumentException.class, () -> b.refractoryPoints(-1, 5));
        assertThrows(IllegalArgumentException.class, () -> b.refractoryFraction(1.5));
        assertThrows(IllegalArgumentException.class, () -> b.refractoryFraction(Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> b.flagProbability(0.0));
        assertThrows(IllegalArgumentException.class, () -> b.flagProbability(0.01));
        assertThrows(IllegalArgumentException.class, () -> b.historyHalfLife(10));
    }

    @Test
    void shouldRejectBadDetectorSettings() {
        assertThrows(IllegalArgumentException.class, () -> ZScoreDetector.newBuilder().alpha(0));
        assertThrows(IllegalArgumentException.class, () -> ZScoreDetector.newBuilder().alpha(1.01));
        assertThrows(IllegalArgumentException.class, () -> ZScoreDetector.newBuilder().policy(null));
        assertThrows(IllegalArgumentException.class, () -> ZScoreDetector.newBuilder().name(" "));
        assertThrows(IllegalArgumentException.class, () -> RobustDetector.newBuilder().windowPoints(8));
        assertThrows(IllegalArgumentException.class, () -> RobustDetector.newBuilder().scaleRefreshEvery(0));
        assertThrows(IllegalArgumentException.class, () -> MovingAverageDetector.newBuilder().points(0));
        assertThrows(IllegalArgumentException.class, () -> MovingAverageDetector.newBuilder().errorAlpha(-1));
        assertThrows(IllegalArgumentException.class, () -> HoltDetector.newBuilder().alpha(Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> HoltDetector.newBuilder().beta(0));
        assertThrows(IllegalArgumentException.class, () -> HoltDetector.newBuilder().phi(2));
        assertThrows(IllegalArgumentException.class, () -> CombinedDetector.newBuilder().holt(0.3, 0.05, 0));
        assertThrows(IllegalArgumentException.class, () -> CombinedDetector.newBuilder().weights(0, 0, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> CombinedDetector.newBuilder().weights(1, -1, 1, 1));
        assertThrows(IllegalArgumentException.class, () -> CombinedDetector.newBuilder().robustWindowPoints(31));
        assertThrows(IllegalArgumentException.class, () -> CombinedDetector.newBuilder().movingAveragePoints(0));
    }

    @Test
    void shouldNameEachDetector() {
        assertEquals("combined", Detectors.standard().name());
        assertEquals("zscore", ZScoreDetector.newBuilder().build().name());
        assertEquals("robust", RobustDetector.newBuilder().build().name());
        assertEquals("moving-average", MovingAverageDetector.newBuilder().build().name());
        assertEquals("holt", HoltDetector.newBuilder().build().name());
        assertEquals("cpu", CombinedDetector.newBuilder().name("cpu").build().name());
    }
}
