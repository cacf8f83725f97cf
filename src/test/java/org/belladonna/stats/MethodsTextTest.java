package org.belladonna.stats;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class MethodsTextTest {

    @Test
    void namesModelResamplesSeedAlphaAndHolm() {
        AnalysisSettings s = AnalysisSettings.defaults().withResamples(1234).withSeed(99);
        String text = String.join("\n", MethodsText.paragraphs(Analysis.of(StudyShape.experiment(), s)));
        for (String needle : new String[] {"NIMA (AVA)", "1234 resamples", "seed 99", "alpha = 0.05", "Holm",
                "95 %", "3 related", "3 unrelated", "Welch", "Mann-Whitney", "Cliff's delta", "n too small"}) {
            assertTrue(text.contains(needle), needle);
        }
        assertTrue(!text.contains("left out"), "nothing excluded here");
    }

    @Test
    void statesFamilyPrimaryTestIntervalsAndMinimumN() {
        String text = String.join("\n", MethodsText.paragraphs(Analysis.of(StudyShape.experiment())));
        for (String needle : new String[] {
                "0 prompt(s) are paired and 6 independent",
                "over one family, the primary p-value of every prompt of this experiment that could be tested (6 here)",
                "paired t-test", "Wilcoxon signed-rank", "Secondary tests, shown unadjusted",
                "Fieller's interval", "Hedges' g", "noncentral t", "permutation test", "two-stage bootstrap",
                "at most 100000", "fewer than 3 images (the minimum n", "only descriptives are shown",
                MethodsText.NO_SCORER_DESCRIPTION}) {
            assertTrue(text.contains(needle), needle);
        }
    }

    @Test
    void callerSuppliesTheScorerDescription() {
        String scorer = "NIMA VGG16 (AVA), weights sha256 0f3c, Resize 256, CenterCrop 224, ImageNet normalisation";
        List<String> text = MethodsText.paragraphs(Analysis.of(StudyShape.experiment()), scorer);
        assertTrue(text.get(0).contains("Scorer: " + scorer + "."), text.get(0));
        assertFalse(String.join("\n", text).contains(MethodsText.NO_SCORER_DESCRIPTION));
    }
}
