package org.belladonna.jobs;

/**
 * Thrown at a running job's next cancellation check once this process stops its jobs: the job stops where it is and
 * stays "running" in the table, and JobRunr runs it again (on the next start, or on another host). Not a cancellation:
 * nobody asked for the work to be dropped.
 */
final class ServerStopping extends RuntimeException {
    ServerStopping() {
        super("the server is stopping", null, false, false);
    }
}
