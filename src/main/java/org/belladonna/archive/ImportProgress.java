package org.belladonna.archive;

/** Where an import is: the CLI draws a progress bar from it, a job writes it to its row. */
@FunctionalInterface
public interface ImportProgress {
    ImportProgress NONE = (phase, done, total) -> { };

    /** {@code done} of {@code total} steps of {@code phase} ("checking", "storing", "saving"). May throw to cancel. */
    void update(String phase, long done, long total);
}
