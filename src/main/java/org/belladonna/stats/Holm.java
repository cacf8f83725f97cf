package org.belladonna.stats;

import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.IntStream;

/** Holm's step-down adjustment of a family of p-values (controls the family-wise error rate). */
final class Holm {
    private Holm() {
    }

    /**
     * Adjusted p-values in input order. NaN entries (tests that could not be run) are left NaN and are not
     * counted in the family size m: a test that was never performed cannot be a false positive.
     * p_(i) sorted ascending, i = 1..m: adj_(i) = min(1, max over j <= i of (m - j + 1) p_(j)).
     */
    static double[] adjust(double[] p) {
        Integer[] order = IntStream.range(0, p.length).filter(i -> !Double.isNaN(p[i])).boxed()
                .sorted(Comparator.comparingDouble((Integer i) -> p[i]).thenComparingInt(i -> i))
                .toArray(Integer[]::new);
        double[] adjusted = new double[p.length];
        Arrays.fill(adjusted, Double.NaN);
        int m = order.length;
        double running = 0;
        for (int rank = 0; rank < m; rank++) {
            running = Math.max(running, Math.min(1, (m - rank) * p[order[rank]]));
            adjusted[order[rank]] = running;
        }
        return adjusted;
    }
}
