package org.belladonna.progress;

/**
 * How long work tells whoever waits for it where it is, and learns that it should stop. The one progress
 * interface of the code base: engines and services report through it, a job's context stores it as the
 * job's progress row, the CLI draws it as a progress bar.
 * <p>
 * Work is a sequence of named phases ("loading models", "optimising", "verifying"); within a phase,
 * {@code done} of {@code total} units are finished ({@code total <= 0}: unknown). Calls may be frequent:
 * implementations throttle what they store.
 */
public interface Progress {
    /** Progress nobody watches, and work nobody cancels. */
    Progress NONE = (phase, done, total, detail) -> {
    };

    /**
     * @param phase  short, human-readable name of what is happening now
     * @param done   units of this phase finished
     * @param total  units this phase has, or 0 when unknown
     * @param detail one short line about the current unit (e.g. "distance 0.41 → 0.30"), or ""
     */
    void update(String phase, long done, long total, String detail);

    default void update(String phase, long done, long total) {
        update(phase, done, total, "");
    }

    /**
     * Throws {@link Cancelled} once someone asked the work to stop. Long work calls this between its units
     * (a step, a batch, a file), so it stops within one unit and leaves nothing half-stored.
     */
    default void checkCancelled() {
    }
}
