package org.belladonna.csv;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CsvTest {
    private static List<CsvRow> read(String text) {
        List<CsvRow> rows = new ArrayList<>();
        CsvInput.of(text).forEach(rows::add);
        return rows;
    }

    @Test
    void rowsKnowTheLineTheyStartOnAcrossQuotedLineBreaksAndBlankLines() {
        List<CsvRow> rows = read("\uFEFFfile,prompt\r\n\"a,1.png\",\"two\nlines\"\n\nb.png,\"say \"\"hi\"\"\"\n");
        assertEquals(3, rows.size());
        assertEquals(List.of("file", "prompt"), rows.get(0).cells(), "byte-order mark dropped");
        assertEquals(1, rows.get(0).line());
        assertEquals(List.of("a,1.png", "two\nlines"), rows.get(1).cells());
        assertEquals(2, rows.get(1).line());
        assertEquals(5, rows.get(2).line(), "the quoted break and the blank line both count");
        assertEquals("say \"hi\"", rows.get(2).cell(1));
        assertEquals("", rows.get(2).cell(7), "past the end of a short row");
    }

    @Test
    void anUnclosedQuoteIsRefused() {
        CsvInput.CsvException e = assertThrows(CsvInput.CsvException.class, () -> read("a,\"never closed\nb,c\n"));
        assertTrue(e.getMessage().contains("quote"), e.getMessage());
    }

    @Test
    void writtenTextReadsBackExactly() {
        List<List<String>> cells = List.of(List.of("plain", "with,comma", "with \"quote\"", "two\r\nlines", ""),
                List.of("été", " padded ", "=1+1", "-4.2", "'"));
        CsvOutput out = new CsvOutput();
        cells.forEach(out::row);
        String text = out.toString();
        assertTrue(text.startsWith("plain,\"with,comma\","), text);
        assertTrue(text.endsWith("\r\n"), "CRLF line ends");
        List<CsvRow> back = read(text);
        assertEquals(cells, back.stream().map(CsvRow::cells).toList());
    }
}
