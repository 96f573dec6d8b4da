package io.crowdpulse.anomaly.eval;

import java.util.List;

/**
 * One synthetic series with its ground truth: the index of each anomaly's onset and, NAB-style, a window around it.
 *
 * @param name unique name (pattern and seed)
 * @param pattern the pattern it exercises
 * @param timestamps epoch milliseconds, increasing (gaps allowed)
 * @param values the values
 * @param onsets index of each anomaly's first point
 * @param windows the labeled window around each onset, same order
 */
public record LabeledSeries(String name, Pattern pattern, long[] timestamps, double[] values, List<Integer> onsets,
        List<Window> windows) {

    public int length() {
        return values.length;
    }

    /** An inclusive range of indexes. */
    public record Window(int start, int end) {
        public boolean contains(int index) {
            return index >= start && index <= end;
        }

        public int length() {
            return end - start + 1;
        }
    }
}
