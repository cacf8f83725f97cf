package org.belladonna.protect;

import org.belladonna.vae.Family;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link Protector#estimateBytes} against a protection whose peak was measured (docs/benchmarks.md, issue 12):
 * the estimate must not be below it (a job admitted on a low estimate can take the machine down) and not
 * wildly above it (a high one refuses or delays work that would fit).
 */
class MemoryEstimateTest {
    private static final long MIB = 1 << 20;
    private static final List<Family> BOTH = List.of(Family.TAEF2, Family.TAESANA);

    /**
     * {@code /usr/bin/time -v ./belladonna protect monet-charing-cross-bridge.jpg --quality fast} (567x362,
     * TAEF2 + TAESana optimised, no views): maximum resident set 1,305,016 KiB, of which about 70 MiB is the
     * JVM before the estimate is taken (the resident size of {@code ./belladonna --version}).
     */
    private static final long CHARING_FAST_ABOVE_IDLE = 1_305_016L * 1024 - 70 * MIB;

    @Test
    void coversTheMeasuredPeakWithoutWildlyOverstatingIt() {
        ProtectionSettings fast = ProtectionSettings.defaults().withEffort(Effort.FAST).withViews(false);
        long estimate = Protector.estimateBytes(567, 362, fast, BOTH, BOTH);
        assertTrue(estimate >= CHARING_FAST_ABOVE_IDLE,
                "estimate " + estimate / MIB + " MiB is below the measured " + CHARING_FAST_ABOVE_IDLE / MIB + " MiB");
        assertTrue(estimate <= 2 * CHARING_FAST_ABOVE_IDLE,
                "estimate " + estimate / MIB + " MiB is over twice the measured " + CHARING_FAST_ABOVE_IDLE / MIB + " MiB");
    }

    @Test
    void growsWithTheWorkingSizeAndTheViews() {
        ProtectionSettings noViews = ProtectionSettings.defaults().withViews(false);
        long charing = Protector.estimateBytes(567, 362, noViews, BOTH, BOTH);
        long lilies = Protector.estimateBytes(1600, 1052, noViews, BOTH, BOTH);
        assertTrue(lilies > charing, "a 776x512 working size needs more than 560x360");
        assertTrue(Protector.estimateBytes(1600, 1052, noViews.withViews(true), BOTH, BOTH) >= lilies,
                "views add decoders");
        assertTrue(Protector.estimateBytes(1600, 1052, noViews, List.of(Family.TAEF2), BOTH)
                        <= Protector.estimateBytes(1600, 1052, noViews, BOTH, BOTH),
                "a held-out family costs no more than an optimised one");
    }
}
