package org.belladonna.stats;

import static org.junit.jupiter.api.Assertions.assertTrue;

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
}
