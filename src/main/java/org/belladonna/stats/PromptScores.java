package org.belladonna.stats;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Aesthetic scores of the images generated for one prompt, before and after the model was
 * fine-tuned on poisoned data, with each image's generation seed when it is known.
 *
 * <p>Images of the two variants that share a seed form a pair: same prompt, same noise, only the model
 * differs, so their scores are correlated and the paired analysis uses that (see {@link Design}).
 *
 * @param id          stable prompt id (also seeds this prompt's random streams)
 * @param text        the prompt as shown to people
 * @param related     true for prompts related to the poisoned concept, false for unrelated controls
 * @param before      one score per image generated before poisoning
 * @param after       one score per image generated after poisoning
 * @param beforeSeeds the seed of each before image, index for index; empty when seeds are unknown
 * @param afterSeeds  the seed of each after image, index for index; empty when seeds are unknown
 */
public record PromptScores(String id, String text, boolean related, double[] before, double[] after,
                           long[] beforeSeeds, long[] afterSeeds) {

    private static final long[] NO_SEEDS = new long[0];

    public PromptScores {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(text, "text");
        before = checkedCopy(before, "before");
        after = checkedCopy(after, "after");
        beforeSeeds = checkedSeeds(beforeSeeds, before.length, "before", id);
        afterSeeds = checkedSeeds(afterSeeds, after.length, "after", id);
    }

    /** Scores without seeds: the prompt is analysed as two independent samples. */
    public PromptScores(String id, String text, boolean related, double[] before, double[] after) {
        this(id, text, related, before, after, NO_SEEDS, NO_SEEDS);
    }

    /** Copies so that nobody can change the scores behind an analysis; arrays are returned as copies too. */
    @Override
    public double[] before() {
        return before.clone();
    }

    @Override
    public double[] after() {
        return after.clone();
    }

    @Override
    public long[] beforeSeeds() {
        return beforeSeeds.clone();
    }

    @Override
    public long[] afterSeeds() {
        return afterSeeds.clone();
    }

    /** The images whose seed occurs in both variants, in ascending seed order. */
    Pairs pairs() {
        if (before.length == 0 || after.length == 0 || beforeSeeds.length == 0 || afterSeeds.length == 0) {
            return new Pairs(NO_SEEDS, new double[0], new double[0], before.length, after.length);
        }
        Map<Long, Double> afterBySeed = new HashMap<>();
        for (int i = 0; i < after.length; i++) {
            afterBySeed.put(afterSeeds[i], after[i]);
        }
        TreeMap<Long, double[]> matched = new TreeMap<>();
        for (int i = 0; i < before.length; i++) {
            Double a = afterBySeed.get(beforeSeeds[i]);
            if (a != null) {
                matched.put(beforeSeeds[i], new double[] {before[i], a});
            }
        }
        int n = matched.size();
        long[] seeds = new long[n];
        double[] b = new double[n];
        double[] a = new double[n];
        int k = 0;
        for (var e : matched.entrySet()) {
            seeds[k] = e.getKey();
            b[k] = e.getValue()[0];
            a[k] = e.getValue()[1];
            k++;
        }
        return new Pairs(seeds, b, a, before.length - n, after.length - n);
    }

    private static double[] checkedCopy(double[] scores, String name) {
        Objects.requireNonNull(scores, name);
        for (double s : scores) {
            if (!Double.isFinite(s)) {
                throw new IllegalArgumentException(name + " scores must be finite, got " + s);
            }
        }
        return scores.clone();
    }

    /** A seed names one generation; two images of one variant with the same seed would be the same image twice. */
    private static long[] checkedSeeds(long[] seeds, int n, String name, String id) {
        Objects.requireNonNull(seeds, name + "Seeds");
        if (seeds.length != 0 && seeds.length != n) {
            throw new IllegalArgumentException("prompt " + id + ": " + seeds.length + " " + name + " seeds for " + n
                    + " " + name + " scores (give one seed per image, or none)");
        }
        var seen = new HashSet<Long>();
        for (long s : seeds) {
            if (!seen.add(s)) {
                throw new IllegalArgumentException("prompt " + id + ": seed " + s + " occurs twice among the " + name
                        + " images");
            }
        }
        return seeds.clone();
    }
}
