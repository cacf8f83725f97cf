package org.belladonna.store;

import org.belladonna.store.Records.Job;
import org.belladonna.testing.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The job table's SQL on both databases: states, times as text, cancel flags and JSON payload fields. */
@ParameterizedClass
@EnumSource(TestDatabase.class)
class JobsTest {
    private static final String TIME_MS = "\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z";
    private static final String TIME_S = "\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ";

    @Parameter
    TestDatabase database;

    @TempDir
    Path dir;

    @Test
    void aJobMovesThroughItsStatesWithTimesInOneFormat() {
        Store store = database.open(dir);
        long id = store.write(h -> Jobs.enqueue(h, "score", "{\"experiment\":12}"));
        Job queued = store.read(h -> Jobs.find(h, id)).orElseThrow();
        assertEquals("queued", queued.state());
        assertTrue(queued.createdAt().matches(TIME_S), queued.createdAt());
        assertFalse(queued.cancelRequested());

        assertEquals(List.of(id), store.read(h -> Jobs.queued(h, List.of("score", "protect"))));
        assertEquals(List.of(), store.read(h -> Jobs.queued(h, List.of("protect"))), "another kind");
        Job running = store.write(h -> Jobs.start(h, id)).orElseThrow();
        assertEquals(id, running.id());
        assertEquals("running", running.state());
        assertEquals(1, running.attempts());
        assertTrue(running.startedAt().matches(TIME_MS), running.startedAt());
        assertEquals(List.of(), store.read(h -> Jobs.queued(h, List.of("score"))), "a running job is not queued");
        assertEquals(List.of(id), store.read(h -> Jobs.unfinished(h)).stream().map(Job::id).toList());

        store.write(h -> {
            Jobs.progress(h, id, 0.123456789012, "halfway");
            return null;
        });
        assertEquals(0.123456789012, store.read(h -> Jobs.find(h, id)).orElseThrow().progress(), 0, "stored as a double");
        store.write(h -> {
            Jobs.finish(h, id, "{\"ok\":true}");
            return null;
        });
        Job done = store.read(h -> Jobs.find(h, id)).orElseThrow();
        assertEquals("done", done.state());
        assertEquals(1.0, done.progress());
        assertTrue(done.finishedAt().matches(TIME_MS), done.finishedAt());
        assertTrue(done.finished());
    }

    @Test
    void cancellingAQueuedJobEndsItAndARunningOneIsAsked() {
        Store store = database.open(dir);
        long queued = store.write(h -> Jobs.enqueue(h, "a", "{}"));
        long running = store.write(h -> Jobs.enqueue(h, "b", "{}"));
        store.write(h -> Jobs.start(h, running));

        assertTrue((boolean) store.write(h -> Jobs.requestCancel(h, queued)));
        assertTrue((boolean) store.write(h -> Jobs.requestCancel(h, running)));
        Job q = store.read(h -> Jobs.find(h, queued)).orElseThrow();
        assertEquals("cancelled", q.state());
        assertTrue(q.cancelRequested());
        assertTrue((boolean) store.read(h -> Jobs.cancelRequested(h, running)));
        assertEquals("running", store.read(h -> Jobs.find(h, running)).orElseThrow().state());

        store.write(h -> {
            Jobs.markCancelled(h, running);
            return null;
        });
        assertEquals("cancelled", store.read(h -> Jobs.find(h, running)).orElseThrow().state());
        assertFalse((boolean) store.write(h -> Jobs.requestCancel(h, running)), "a finished job has nothing to cancel");
        assertTrue(store.write(h -> Jobs.start(h, queued)).isEmpty(), "a cancelled job never starts");
        assertTrue(store.write(h -> Jobs.start(h, running)).isEmpty(), "nor does one that ended");
    }

    @Test
    void aJobWhoseHostDiedStartsAgainAndFailuresAreKept() {
        Store store = database.open(dir);
        long id = store.write(h -> Jobs.enqueue(h, "a", "{}"));
        store.write(h -> {
            Jobs.start(h, id);
            Jobs.progress(h, id, 0.5, "halfway");
            return null;
        });
        Job again = store.write(h -> Jobs.start(h, id)).orElseThrow();
        assertEquals(2, again.attempts());
        assertEquals(0, again.progress(), "a new attempt starts from nothing");
        store.write(h -> {
            Jobs.fail(h, id, "out of memory");
            return null;
        });
        Job failed = store.read(h -> Jobs.find(h, id)).orElseThrow();
        assertEquals("failed", failed.state());
        assertEquals("out of memory", failed.error());
        assertNull(failed.result());
    }

    @Test
    void payloadFieldsAreFoundAsNumbersAndAsText() {
        Store store = database.open(dir);
        long old = store.write(h -> Jobs.enqueue(h, "score", "{\"experiment\":12,\"model\":\"nima\"}"));
        long other = store.write(h -> Jobs.enqueue(h, "score", "{\"experiment\":13,\"model\":\"nima\"}"));
        long newer = store.write(h -> Jobs.enqueue(h, "score", "{\"experiment\":12,\"model\":\"vgg\"}"));
        store.write(h -> Jobs.enqueue(h, "seen", "{\"experiment\":12,\"image\":\"ab12\"}"));

        assertEquals(newer, store.read(h -> Jobs.latestFor(h, "score", "experiment", 12L)).orElseThrow().id());
        assertEquals(other, store.read(h -> Jobs.latestFor(h, "score", "experiment", 13L)).orElseThrow().id());
        assertEquals(other, store.read(h -> Jobs.latestFor(h, "score", "model", "nima")).orElseThrow().id());
        assertTrue(store.read(h -> Jobs.latestFor(h, "score", "experiment", 14L)).isEmpty());
        assertTrue(store.read(h -> Jobs.latestFor(h, "score", "image", "ab12")).isEmpty(), "another kind's field");
        assertEquals(old, store.read(h -> Jobs.recent(h, "score", 3)).get(2).id());

        store.write(h -> Jobs.start(h, old)); // the old one runs
        store.write(h -> {
            Jobs.finish(h, other, "{}");
            return null;
        });
        assertEquals(List.of("nima", "vgg"), store.read(h -> Jobs.unfinishedPayloadValues(h, "score", "model")).stream().sorted().toList());
        assertEquals(List.of("ab12"), store.read(h -> Jobs.unfinishedPayloadValues(h, "seen", "image")));
    }
}
