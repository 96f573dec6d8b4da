package io.crowdpulse.cli.simulate;

import java.util.Arrays;
import java.util.Random;

/**
 * Draws ranks {@code 0..n-1} with probability proportional to {@code 1 / (rank + 1)^exponent}, so a few
 * organizations and modules hold most users, as on a real platform.
 */
final class ZipfDistribution {

    private final double[] cumulative;

    ZipfDistribution(int n, double exponent) {
        if (n < 1) {
            throw new IllegalArgumentException("n must be at least 1");
        }
        cumulative = new double[n];
        double total = 0;
        for (int rank = 0; rank < n; rank++) {
            total += 1 / Math.pow(rank + 1, exponent);
            cumulative[rank] = total;
        }
        for (int rank = 0; rank < n; rank++) {
            cumulative[rank] /= total;
        }
    }

    int sample(Random random) {
        int index = Arrays.binarySearch(cumulative, random.nextDouble());
        int rank = index >= 0 ? index : -index - 1;
        return Math.min(rank, cumulative.length - 1);
    }

    int size() {
        return cumulative.length;
    }
}
