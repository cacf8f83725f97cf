package org.belladonna.jobs;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** Time left comes from measured unit times, never from the warm-up, and not before there are enough. */
class StepClockTest {
    private static final JobType<String> TYPE = JobType.of("demo", Lane.DEVICE, String.class,
            "loading models", 0.05, "optimising", 0.80, "verifying robustness", 0.15);
    private static final long S = 1_000_000_000L;

    @Test
    void estimatesNothingUntilEnoughUnitsAfterTheFirstWereMeasured() {
        StepClock clock = new StepClock(TYPE);
        clock.update("loading models", 0, 1, "TAEF2", 0);
        JobEstimate loading = clock.estimate();
        assertEquals("loading models", loading.phase());
        assertEquals(1, loading.phaseNumber());
        assertEquals(3, loading.phaseCount());
        assertNull(loading.secondsLeft());

        clock.update("optimising", 0, 100, "", 80 * S);
        clock.update("optimising", 1, 100, "", 140 * S); // the first step: 60 s of warm-up
        clock.update("optimising", 2, 100, "", 142 * S);
        clock.update("optimising", 3, 100, "", 144 * S);
        assertNull(clock.estimate().secondsLeft(), "two measured steps are not enough");
        clock.update("optimising", 4, 100, "", 146 * S);
        JobEstimate e = clock.estimate();
        assertEquals(2, e.phaseNumber());
        // 96 steps left at 2 s, plus the verification priced at the measured pace: 0.15 / 0.80 of 100 x 2 s.
        assertEquals(96 * 2 + 0.15 / 0.80 * 200, e.secondsLeft(), 1e-6);
    }

    @Test
    void followsTheLatestPaceAndStartsAgainInTheNextPhase() {
        StepClock clock = new StepClock(TYPE);
        clock.update("optimising", 0, 30, "", 0);
        long t = 0;
        for (int step = 1; step <= 20; step++) {
            t += step <= 10 ? 10 * S : S; // the machine got faster after step 10
            clock.update("optimising", step, 30, "", t);
        }
        assertEquals(10 * 1 + 0.15 / 0.80 * 30, clock.estimate().secondsLeft(), 1e-6);

        clock.update("verifying robustness", 1, 9, "JPEG", t);
        JobEstimate verifying = clock.estimate();
        assertEquals("verifying robustness", verifying.phase());
        assertEquals(3, verifying.phaseNumber());
        assertNull(verifying.secondsLeft(), "a new phase measures its own units first");
        for (int pass = 2; pass <= 6; pass++) {
            t += 7 * S;
            clock.update("verifying robustness", pass, 9, "JPEG", t);
        }
        assertEquals(3 * 7, clock.estimate().secondsLeft(), 1e-6);
    }
}
