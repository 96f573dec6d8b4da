package io.crowdpulse.common.tuning;

import java.util.Objects;
import java.util.function.DoubleConsumer;
import java.util.function.DoubleSupplier;

/**
 * One runtime setting a service lets an operator or the optimizer change: its bounds, its unit, how to
 * read it and how to apply a new value. Built with {@link #newBuilder(String)}.
 */
public final class Knob {

    private final String name;
    private final String description;
    private final String unit;
    private final double min;
    private final double max;
    private final boolean integral;
    private final DoubleSupplier reader;
    private final DoubleConsumer writer;

    private Knob(Builder b) {
        this.name = b.name;
        this.description = b.description;
        this.unit = b.unit;
        this.min = b.min;
        this.max = b.max;
        this.integral = b.integral;
        this.reader = b.reader;
        this.writer = b.writer;
    }

    public static Builder newBuilder(String name) {
        return new Builder(name);
    }

    public String name() {
        return name;
    }

    public String description() {
        return description;
    }

    public String unit() {
        return unit;
    }

    public double min() {
        return min;
    }

    public double max() {
        return max;
    }

    public boolean integral() {
        return integral;
    }

    public double value() {
        return reader.getAsDouble();
    }

    /** Whether {@code value} is one this knob accepts: within bounds, and whole if the knob is integral. */
    public boolean accepts(double value) {
        return !Double.isNaN(value) && value >= min && value <= max && (!integral || value == Math.rint(value));
    }

    void apply(double value) {
        writer.accept(value);
    }

    /** Builds a {@link Knob}; every setter checks its argument. */
    public static final class Builder {
        private final String name;
        private String description = "";
        private String unit = "";
        private double min = 0;
        private double max = Double.MAX_VALUE;
        private boolean integral = true;
        private DoubleSupplier reader;
        private DoubleConsumer writer;

        private Builder(String name) {
            if (name == null || !name.matches("[a-z0-9.-]{1,64}")) {
                throw new IllegalArgumentException("knob name must be 1-64 of [a-z0-9.-]: " + name);
            }
            this.name = name;
        }

        public Builder description(String description) {
            this.description = Objects.requireNonNull(description);
            return this;
        }

        public Builder unit(String unit) {
            this.unit = Objects.requireNonNull(unit);
            return this;
        }

        public Builder range(double min, double max) {
            if (!(min <= max)) {
                throw new IllegalArgumentException("min must not exceed max: " + min + " > " + max);
            }
            this.min = min;
            this.max = max;
            return this;
        }

        /** Whether only whole numbers are accepted (the default) or any number in range. */
        public Builder integral(boolean integral) {
            this.integral = integral;
            return this;
        }

        public Builder reader(DoubleSupplier reader) {
            this.reader = Objects.requireNonNull(reader);
            return this;
        }

        public Builder writer(DoubleConsumer writer) {
            this.writer = Objects.requireNonNull(writer);
            return this;
        }

        public Knob build() {
            if (reader == null || writer == null) {
                throw new IllegalStateException("knob " + name + " needs a reader and a writer");
            }
            return new Knob(this);
        }
    }
}
