package io.crowdpulse.common.overload.limiter;

import java.util.Locale;

import com.netflix.concurrency.limits.Limit;
import com.netflix.concurrency.limits.limit.Gradient2Limit;
import com.netflix.concurrency.limits.limit.VegasLimit;

/** The adaptive limit algorithms of Netflix concurrency-limits the limiter can run. */
public enum LimitAlgorithm {
    /** Compares short- and long-term latency; follows the latency gradient (the default). */
    GRADIENT2 {
        @Override
        Limit create(int initial, int min, int max) {
            return Gradient2Limit.newBuilder().initialLimit(initial).minLimit(min).maxConcurrency(max).build();
        }
    },
    /** TCP Vegas: estimates the queue from the lowest latency seen and keeps it small. */
    VEGAS {
        @Override
        Limit create(int initial, int min, int max) {
            return VegasLimit.newBuilder().initialLimit(initial).maxConcurrency(max).build();
        }
    };

    abstract Limit create(int initial, int min, int max);

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** {@code gradient2} or {@code vegas}, in any case. */
    public static LimitAlgorithm parse(String name) {
        try {
            return valueOf(name.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown limiter algorithm '" + name + "': use gradient2 or vegas", e);
        }
    }
}
