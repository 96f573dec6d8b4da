package io.crowdpulse.anomaly.stats;

/**
 * The last {@code capacity} values of a stream, kept in arrival order and in sorted order at once, so that order
 * statistics (median, quantiles, MAD, min, max) of a sliding window cost O(log n) instead of a sort.
 *
 * <p>The sorted order is a treap (randomized balanced search tree with subtree sizes) laid out in parallel arrays
 * indexed by ring-buffer slot, so nothing is allocated after construction. Memory: {@code 24 × capacity} bytes plus
 * a few fields. Adding or evicting a value costs O(log n); {@link #select(int)}, {@link #quantile(double)} and
 * {@link #median()} O(log n); {@link #mad()} O(log² n). Values must be finite.
 */
public final class SortedWindow {

    private static final int NIL = -1;

    private final int capacity;
    private final double[] value;
    private final int[] left;
    private final int[] right;
    private final int[] size;
    private final int[] priority;
    private int root = NIL;
    private int head; // slot of the oldest value
    private int count;
    private int seed = 0x2545F491;

    private SortedWindow(int capacity) {
        this.capacity = capacity;
        this.value = new double[capacity];
        this.left = new int[capacity];
        this.right = new int[capacity];
        this.size = new int[capacity];
        this.priority = new int[capacity];
    }

    /** A window holding at most {@code capacity} values (at least 1). */
    public static SortedWindow ofCapacity(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1: " + capacity);
        }
        return new SortedWindow(capacity);
    }

    /** Appends a value, evicting the oldest one first when the window is full. */
    public void add(double v) {
        if (!Double.isFinite(v)) {
            throw new IllegalArgumentException("value must be finite: " + v);
        }
        if (count == capacity) {
            evictOldest();
        }
        int slot = head + count;
        if (slot >= capacity) {
            slot -= capacity;
        }
        value[slot] = v;
        left[slot] = NIL;
        right[slot] = NIL;
        size[slot] = 1;
        priority[slot] = nextPriority();
        root = insert(root, slot);
        count++;
    }

    /** Removes and returns the oldest value. */
    public double evictOldest() {
        if (count == 0) {
            throw new IllegalStateException("window is empty");
        }
        int slot = head;
        root = delete(root, slot);
        head = head + 1 == capacity ? 0 : head + 1;
        count--;
        return value[slot];
    }

    /** Empties the window. */
    public void clear() {
        root = NIL;
        head = 0;
        count = 0;
    }

    public int size() {
        return count;
    }

    public int capacity() {
        return capacity;
    }

    public boolean isEmpty() {
        return count == 0;
    }

    public boolean isFull() {
        return count == capacity;
    }

    /** The value added {@code age} values ago (0 = newest). */
    public double recent(int age) {
        if (age < 0 || age >= count) {
            throw new IndexOutOfBoundsException("age " + age + " outside window of " + count);
        }
        int slot = head + count - 1 - age;
        if (slot >= capacity) {
            slot -= capacity;
        }
        return value[slot];
    }

    /** The oldest value still in the window. */
    public double oldest() {
        requireNotEmpty();
        return value[head];
    }

    /** The {@code rank}-th smallest value, 0-based. */
    public double select(int rank) {
        if (rank < 0 || rank >= count) {
            throw new IndexOutOfBoundsException("rank " + rank + " outside window of " + count);
        }
        int node = root;
        int k = rank;
        while (true) {
            int leftSize = left[node] == NIL ? 0 : size[left[node]];
            if (k < leftSize) {
                node = left[node];
            } else if (k == leftSize) {
                return value[node];
            } else {
                k -= leftSize + 1;
                node = right[node];
            }
        }
    }

    public double min() {
        requireNotEmpty();
        return select(0);
    }

    public double max() {
        requireNotEmpty();
        return select(count - 1);
    }

    /**
     * The {@code q}-quantile with linear interpolation between closest ranks (the "type 7" definition used by R,
     * NumPy and Excel's PERCENTILE.INC).
     */
    public double quantile(double q) {
        if (!(q >= 0.0 && q <= 1.0)) {
            throw new IllegalArgumentException("quantile must be in [0, 1]: " + q);
        }
        requireNotEmpty();
        double h = (count - 1) * q;
        int lo = (int) h;
        double frac = h - lo;
        double a = select(lo);
        if (frac == 0.0 || lo + 1 >= count) {
            return a;
        }
        return a + frac * (select(lo + 1) - a);
    }

    public double median() {
        requireNotEmpty();
        int mid = count >>> 1;
        if ((count & 1) == 1) {
            return select(mid);
        }
        double a = select(mid - 1);
        return a + 0.5 * (select(mid) - a);
    }

    /** The median absolute deviation from the median (unscaled; multiply by 1.4826 for a normal σ). */
    public double mad() {
        requireNotEmpty();
        double m = median();
        // The values below the median and those from it upwards have distances to it that are each sorted; the MAD
        // is the median of the two merged runs, found by binary search without building either.
        int below = count >>> 1;
        int mid = count >>> 1;
        if ((count & 1) == 1) {
            return kthDistance(m, below, mid);
        }
        return 0.5 * (kthDistance(m, below, mid - 1) + kthDistance(m, below, mid));
    }

    // k-th smallest (0-based) of {m - x[below-1-i]} ∪ {x[below+j] - m}, both ascending.
    private double kthDistance(double m, int below, int k) {
        int above = count - below;
        int lo = Math.max(0, k + 1 - above);
        int hi = Math.min(k + 1, below);
        while (lo < hi) {
            int i = (lo + hi) >>> 1; // take i from the lower run, k + 1 - i from the upper
            int j = k + 1 - i;
            double lowerNext = m - select(below - 1 - i);
            double upperLast = select(below + j - 1) - m;
            if (lowerNext < upperLast) {
                lo = i + 1;
            } else {
                hi = i;
            }
        }
        int i = lo;
        int j = k + 1 - i;
        double a = i > 0 ? m - select(below - i) : Double.NEGATIVE_INFINITY;
        double b = j > 0 ? select(below + j - 1) - m : Double.NEGATIVE_INFINITY;
        return Math.max(a, b);
    }

    private void requireNotEmpty() {
        if (count == 0) {
            throw new IllegalStateException("window is empty");
        }
    }

    private int nextPriority() {
        int x = seed;
        x ^= x << 13;
        x ^= x >>> 17;
        x ^= x << 5;
        seed = x;
        return x;
    }

    // Total order on live slots: by value, then by slot, so equal values are distinct keys.
    private boolean less(int a, int b) {
        double va = value[a];
        double vb = value[b];
        return va < vb || (va == vb && a < b);
    }

    private void update(int node) {
        size[node] = 1 + (left[node] == NIL ? 0 : size[left[node]]) + (right[node] == NIL ? 0 : size[right[node]]);
    }

    private int insert(int node, int slot) {
        if (node == NIL) {
            return slot;
        }
        if (priority[slot] > priority[node]) {
            split(node, slot);
            update(slot);
            return slot;
        }
        if (less(slot, node)) {
            left[node] = insert(left[node], slot);
        } else {
            right[node] = insert(right[node], slot);
        }
        update(node);
        return node;
    }

    // Splits the subtree at node by key(slot) into left[slot] (smaller) and right[slot] (larger).
    private void split(int node, int slot) {
        if (node == NIL) {
            left[slot] = NIL;
            right[slot] = NIL;
            return;
        }
        if (less(node, slot)) {
            split(right[node], slot);
            right[node] = left[slot];
            update(node);
            left[slot] = node;
        } else {
            split(left[node], slot);
            left[node] = right[slot];
            update(node);
            right[slot] = node;
        }
    }

    private int delete(int node, int slot) {
        if (node == slot) {
            return merge(left[node], right[node]);
        }
        if (less(slot, node)) {
            left[node] = delete(left[node], slot);
        } else {
            right[node] = delete(right[node], slot);
        }
        update(node);
        return node;
    }

    private int merge(int a, int b) {
        if (a == NIL) {
            return b;
        }
        if (b == NIL) {
            return a;
        }
        if (priority[a] > priority[b]) {
            right[a] = merge(right[a], b);
            update(a);
            return a;
        }
        left[b] = merge(a, left[b]);
        update(b);
        return b;
    }
}
