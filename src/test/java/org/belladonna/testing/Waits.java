package org.belladonna.testing;

import java.time.Duration;

/**
 * Upper bounds for the waits in tests. They only stop a wait that would otherwise hang; no test asserts
 * how long anything took. Sized for a 2-core CI machine that may be loaded 3x, and kept under the
 * per-method timeout in the pom (5 min), so a wait that runs out fails with its own message first.
 */
public final class Waits {
    private Waits() {
    }

    /** A server process started from the test answering /health (idle: ~5 s). */
    public static final Duration SERVER_START = Duration.ofMinutes(1);

    /** A CI-sized background job reaching a state: a tiny protection, a few images scored (idle: up to ~40 s). */
    public static final Duration JOB = Duration.ofMinutes(3);

    /** Something that follows at once, e.g. a worker recording a cancel it has already been asked for. */
    public static final Duration SHORT = Duration.ofSeconds(30);

    /** How often a poll looks again. */
    public static final Duration POLL = Duration.ofMillis(100);
}
