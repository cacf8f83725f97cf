package org.belladonna.jobs;

/**
 * Thrown at a running job's next cancellation check once the queue is closing: the job stops where it is and
 * stays "running" in the table, so the next start recovers it, as after a crash. It is not a cancellation:
 * nobody asked for the work to be dropped.
 */
final class ServerStopping extends RuntimeException {
    ServerStopping() {
        super("the server is stopping", null, false, false);
    }
}
