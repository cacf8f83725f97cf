package org.belladonna.stats;

/**
 * A prompt's before and after images matched by seed, index for index, in ascending seed order.
 *
 * @param seeds          the shared seeds
 * @param before         before score of each pair
 * @param after          after score of each pair
 * @param unpairedBefore before images whose seed has no after image (left out of the paired analysis)
 * @param unpairedAfter  after images whose seed has no before image
 */
record Pairs(long[] seeds, double[] before, double[] after, int unpairedBefore, int unpairedAfter) {

    int n() {
        return seeds.length;
    }

    /** after − before for each pair. */
    double[] differences() {
        double[] d = new double[n()];
        for (int i = 0; i < d.length; i++) {
            d[i] = after[i] - before[i];
        }
        return d;
    }
}
