package io.crowdpulse.cli.simulate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;

import org.junit.jupiter.api.Test;

class ZipfDistributionTest {

    @Test
    void shouldDrawRanksInProportionToOneOverRank() {
        ZipfDistribution zipf = new ZipfDistribution(4, 1.0);
        Random random = new Random(1);
        int[] counts = new int[4];

        for (int i = 0; i < 100_000; i++) {
            counts[zipf.sample(random)]++;
        }

        // Weights 1, 1/2, 1/3, 1/4 out of 25/12.
        assertEquals(48_000, counts[0], 1_000);
        assertEquals(24_000, counts[1], 1_000);
        assertEquals(16_000, counts[2], 1_000);
        assertEquals(12_000, counts[3], 1_000);
    }

    @Test
    void shouldAlwaysDrawTheOnlyRank() {
        ZipfDistribution zipf = new ZipfDistribution(1, 1.0);
        Random random = new Random(2);
        for (int i = 0; i < 1000; i++) {
            assertEquals(0, zipf.sample(random));
        }
        assertTrue(zipf.size() == 1);
    }
}
