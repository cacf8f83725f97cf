package org.belladonna.cli;

import org.belladonna.testing.NoNetwork;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code models pull} without a network says so and how to install anyway, instead of "null". */
class ModelsPullOfflineTest {
    @Test
    void withoutANetworkPullNamesTheCauseAndTheFixes(@TempDir Path models) throws Exception {
        CliTest.Run r;
        try (NoNetwork ignored = new NoNetwork()) {
            r = CliTest.run("models", "pull", "taef2-encoder", "--models", models.toString());
        }
        assertEquals(1, Integer.signum(r.code()), r.err());
        String err = r.err();
        assertFalse(err.contains("null"), err);
        assertTrue(err.contains("no network"), err);
        assertTrue(err.contains("--mirror DIR") && err.contains("BELLADONNA_MODEL_MIRROR") && err.contains("--offline"), err);
    }
}
