package org.belladonna.progress;

/**
 * Thrown by {@link Progress#checkCancelled()} when someone asked the work to stop: the one way work is
 * cancelled. Whoever started the work catches it (a job is then marked cancelled).
 */
public final class Cancelled extends RuntimeException {
    public Cancelled() {
        super("cancelled", null, false, false);
    }
}
