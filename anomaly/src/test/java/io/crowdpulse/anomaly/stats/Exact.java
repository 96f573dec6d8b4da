package io.crowdpulse.anomaly.stats;

import java.util.Arrays;

/** Textbook two-pass statistics of a plain array, the reference the streaming ones are checked against. */
final class Exact {

    private Exact() {
    }

    static double mean(double[] v) {
        double s = 0;
        for (double x : v) {
            s += x;
        }
        return s / v.length;
    }

    static double centralMoment(double[] v, int k) {
        double m = mean(v);
        double s = 0;
        for (double x : v) {
            s += Math.pow(x - m, k);
        }
        return s / v.length;
    }

    static double sampleVariance(double[] v) {
        return centralMoment(v, 2) * v.length / (v.length - 1);
    }

    static double skewness(double[] v) {
        return centralMoment(v, 3) / Math.pow(centralMoment(v, 2), 1.5);
    }

    static double kurtosis(double[] v) {
        double m2 = centralMoment(v, 2);
        return centralMoment(v, 4) / (m2 * m2) - 3.0;
    }

    /** Type-7 quantile (linear interpolation between closest ranks). */
    static double quantile(double[] v, double q) {
        double[] s = v.clone();
        Arrays.sort(s);
        double h = (s.length - 1) * q;
        int lo = (int) Math.floor(h);
        int hi = Math.min(s.length - 1, lo + 1);
        return s[lo] + (h - lo) * (s[hi] - s[lo]);
    }

    static double median(double[] v) {
        return quantile(v, 0.5);
    }

    static double mad(double[] v) {
        double m = median(v);
        double[] d = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            d[i] = Math.abs(v[i] - m);
        }
        return median(d);
    }

    static double slope(double[] x, double[] y) {
        double mx = mean(x);
        double my = mean(y);
        double sxy = 0;
        double sxx = 0;
        for (int i = 0; i < x.length; i++) {
            sxy += (x[i] - mx) * (y[i] - my);
            sxx += (x[i] - mx) * (x[i] - mx);
        }
        return sxy / sxx;
    }
}
