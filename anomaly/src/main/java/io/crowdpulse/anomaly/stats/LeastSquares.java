package io.crowdpulse.anomaly.stats;

/**
 * Ordinary least-squares line {@code y = intercept + slope·x} over points that enter and leave (a sliding window),
 * from running sums of offsets to a reference point.
 */
public final class LeastSquares {

    private double x0;
    private double y0;
    private long n;
    private double sx;
    private double sy;
    private double sxx;
    private double sxy;
    private double syy;

    /** Empties the sums and measures future offsets from ({@code x0}, {@code y0}). */
    public void reset(double x0, double y0) {
        this.x0 = x0;
        this.y0 = y0;
        n = 0;
        sx = 0;
        sy = 0;
        sxx = 0;
        sxy = 0;
        syy = 0;
    }

    public void add(double x, double y) {
        double dx = x - x0;
        double dy = y - y0;
        n++;
        sx += dx;
        sy += dy;
        sxx += dx * dx;
        sxy += dx * dy;
        syy += dy * dy;
    }

    public void remove(double x, double y) {
        double dx = x - x0;
        double dy = y - y0;
        n--;
        sx -= dx;
        sy -= dy;
        sxx -= dx * dx;
        sxy -= dx * dy;
        syy -= dy * dy;
    }

    public long count() {
        return n;
    }

    /** The slope, 0 with fewer than two distinct x. */
    public double slope() {
        double vx = n * sxx - sx * sx;
        if (n < 2 || vx <= 1e-12 * n * sxx) {
            return 0.0;
        }
        return (n * sxy - sx * sy) / vx;
    }

    /** The share of the y variance the line explains, in [0, 1]; 0 when x or y does not vary. */
    public double rSquared() {
        double vx = n * sxx - sx * sx;
        double vy = n * syy - sy * sy;
        if (n < 3 || vx <= 1e-12 * n * sxx || vy <= 1e-20 * n * syy || vy <= 0.0) {
            return 0.0;
        }
        double c = n * sxy - sx * sy;
        return Math.min(1.0, Math.max(0.0, c * c / (vx * vy)));
    }
}
