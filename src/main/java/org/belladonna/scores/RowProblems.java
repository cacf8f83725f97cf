package org.belladonna.scores;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;

/**
 * The problems of a score file, kept bounded: the {@value #SHOWN} with the smallest line numbers and how many
 * there were in all. A file of a million bad rows costs 50 messages, not a million (the report a reviewer
 * reads, and the page that shows it, stay small).
 */
public final class RowProblems {
    static final int SHOWN = 50;

    /** A problem of one line, or of the whole file (line 0). */
    private record Problem(long line, long order, String text) {
        String shown() {
            return line == 0 ? text : "line " + line + ": " + text;
        }
    }

    private static final Comparator<Problem> BY_LINE = Comparator.comparingLong(Problem::line).thenComparingLong(Problem::order);

    /** The worst kept first, so a smaller line can replace it. */
    private final PriorityQueue<Problem> kept = new PriorityQueue<>(BY_LINE.reversed());
    private long count;

    void add(long line, String text) {
        Problem p = new Problem(line, count++, text);
        kept.add(p);
        if (kept.size() > SHOWN) {
            kept.poll();
        }
    }

    void fileProblem(String text) {
        add(0, text);
    }

    boolean isEmpty() {
        return count == 0;
    }

    public long count() {
        return count;
    }

    /** The first {@value #SHOWN} by line, whole-file problems first. */
    public List<String> shown() {
        List<Problem> sorted = new ArrayList<>(kept);
        sorted.sort(BY_LINE);
        return sorted.stream().map(Problem::shown).toList();
    }
}
