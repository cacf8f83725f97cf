package org.belladonna.stats;

import java.util.ArrayList;
import java.util.List;

/**
 * A small experiment shaped like the study: 3 related prompts whose mean drops about 8 %, 3 controls
 * about 1 %, 12 images per variant, from a fixed formula (no randomness, no ties).
 */
final class StudyShape {
    static final String[] RELATED = {"Water Lilies", "Impression, Sunrise", "Haystacks at dusk"};
    static final String[] CONTROL = {"headphones", "a red \"sports\" car", "city street at night"};
    static final int N = 12;

    private StudyShape() {
    }

    static Experiment experiment() {
        List<PromptScores> prompts = new ArrayList<>();
        for (int k = 0; k < 3; k++) {
            prompts.add(prompt("r" + k, RELATED[k], true, 5.8 + 0.2 * k, 0.08, k));
        }
        for (int k = 0; k < 3; k++) {
            prompts.add(prompt("c" + k, CONTROL[k], false, 5.2 + 0.15 * k, 0.01, k + 3));
        }
        return new Experiment("NIMA (AVA)", prompts);
    }

    private static PromptScores prompt(String id, String text, boolean related, double base, double drop, int k) {
        double[] before = new double[N];
        double[] after = new double[N];
        for (int i = 0; i < N; i++) {
            before[i] = base + 0.35 * Math.sin(2.3 * i + k);
            after[i] = base * (1 - drop) + 0.35 * Math.sin(1.9 * i + 0.5 + k);
        }
        return new PromptScores(id, text, related, before, after);
    }
}
