package io.crowdpulse.anomaly.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.junit.jupiter.api.Test;

class LeastSquaresTest {

    @Test
    void shouldRecoverAnExactLine() {
        LeastSquares ls = new LeastSquares();
        ls.reset(0, 0);
        for (int i = 0; i < 10; i++) {
            ls.add(i, 3 - 0.5 * i);
        }
        assertEquals(-0.5, ls.slope(), 1e-12);
        assertEquals(1.0, ls.rSquared(), 1e-12);
    }

    @Test
    void shouldMatchTheExactSlopeAfterPointsLeave() {
        Random r = new Random(5);
        double[] x = new double[300];
        double[] y = new double[300];
        LeastSquares ls = new LeastSquares();
        ls.reset(1000, 50);
        for (int i = 0; i < x.length; i++) {
            x[i] = 1000 + i * 1.5;
            y[i] = 50 + 0.2 * i + r.nextGaussian();
            ls.add(x[i], y[i]);
        }
        for (int i = 0; i < 100; i++) {
            ls.remove(x[i], y[i]);
        }
        double[] keptX = java.util.Arrays.copyOfRange(x, 100, 300);
        double[] keptY = java.util.Arrays.copyOfRange(y, 100, 300);
        assertEquals(200, ls.count());
        assertEquals(Exact.slope(keptX, keptY), ls.slope(), 1e-9);
    }

    @Test
    void shouldReportNoSlopeWithoutSpreadInX() {
        LeastSquares ls = new LeastSquares();
        ls.reset(0, 0);
        ls.add(5, 1);
        ls.add(5, 9);
        assertEquals(0.0, ls.slope(), 0.0);
        assertEquals(0.0, ls.rSquared(), 0.0);
    }
}
