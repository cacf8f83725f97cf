package org.belladonna.csv;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

class FormulaGuardTest {
    @Test
    void textCellsThatSpreadsheetsRunAreNeutralisedAndNumbersAreNot() {
        String written = new CsvOutput().cells(CsvOutput.text("=HYPERLINK(\"http://x\")"), CsvOutput.text("+1"),
                CsvOutput.text("-2"), CsvOutput.text("@SUM(A1)"), CsvOutput.text("\tx"), CsvOutput.text("\rx"),
                CsvOutput.text("plain"), CsvOutput.number("-4.2"), CsvOutput.number("1.5e-05"), CsvOutput.number("")).toString();
        List<String> cells = CsvInput.of(written).iterator().next().cells();
        assertEquals(List.of("'=HYPERLINK(\"http://x\")", "'+1", "'-2", "'@SUM(A1)", "'\tx", "'\rx", "plain", "-4.2", "1.5e-05", ""), cells);
    }

    @Test
    void aNumberCellHoldsOnlyANumber() {
        for (String bad : List.of("=1+1", "NaN", "Infinity", "0x1p3", "1d", "-", "1,5", " 1")) {
            assertThrows(IllegalArgumentException.class, () -> CsvOutput.number(bad), bad);
        }
    }

    /** unguard(guard(s)) == s for any string, and no guarded cell starts like a formula. */
    @Test
    void theGuardIsExactlyReversible() {
        String alphabet = "=+-@\t\r'a1. \",";
        Random random = new Random(13);
        for (int i = 0; i < 200_000; i++) {
            StringBuilder s = new StringBuilder();
            for (int n = random.nextInt(5); n > 0; n--) {
                s.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            String text = s.toString();
            String guarded = FormulaGuard.guard(text);
            assertEquals(text, FormulaGuard.unguard(guarded), () -> "round trip of [" + text + "]");
            assertFalse(FormulaGuard.looksLikeFormula(guarded), () -> "[" + guarded + "]");
        }
        // A hand-made cell that only looks like the guard's output in part is left alone.
        assertEquals("'tis a cat", FormulaGuard.unguard("'tis a cat"));
    }
}
