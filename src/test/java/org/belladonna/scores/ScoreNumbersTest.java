package org.belladonna.scores;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

/** The one rule for scores in every import: plain finite decimals, a standard deviation never negative. */
class ScoreNumbersTest {
    @Test
    void plainDecimalsAreScores() {
        for (String ok : new String[] {"5", "5.25", "-0.5", "+3", ".5", "5.", "1e2", "4.2E-1", " 6.1 "}) {
            assertNull(ScoreNumbers.scoreProblem("score", ok), ok);
        }
        assertEquals(420.0, ScoreNumbers.value("4.2e2"));
    }

    @Test
    void whatJavaWouldAlsoParseIsNot() {
        for (String bad : new String[] {"NaN", "Infinity", "-Infinity", "1f", "2d", "0x1p3", "1e999", "", "five", "1,5"}) {
            assertNotNull(ScoreNumbers.scoreProblem("score", bad), bad);
        }
    }

    @Test
    void aStandardDeviationMayBeEmptyButNeverNegative() {
        assertNull(ScoreNumbers.stdProblem("std", ""));
        assertNull(ScoreNumbers.value(""));
        assertNull(ScoreNumbers.stdProblem("std", "0.3"));
        assertEquals("the std -0.3 is negative", ScoreNumbers.stdProblem("std", "-0.3"));
        assertEquals("the std 'NaN' is not a finite number", ScoreNumbers.stdProblem("std", "NaN"));
    }
}
