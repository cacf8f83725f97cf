package org.belladonna.accounts;

import io.github.bucket4j.TimeMeter;
import org.junit.jupiter.api.Test;

import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LoginLimiterTest {
    /** Nanoseconds the test moves by hand. */
    static final class HandMeter implements TimeMeter {
        long nanos = 1;

        @Override
        public long currentTimeNanos() {
            return nanos;
        }

        @Override
        public boolean isWallClockBased() {
            return false;
        }
    }

    @Test
    void anAccountGetsFiveTriesThenWaitsAndRefills() {
        HandMeter clock = new HandMeter();
        LoginLimiter limiter = new LoginLimiter(clock, 100);
        for (int i = 0; i < LoginLimiter.PER_ACCOUNT; i++) {
            assertEquals(OptionalLong.empty(), limiter.tryAttempt("10.0.0.1", "mira"));
        }
        OptionalLong wait = limiter.tryAttempt("10.0.0.2", "mira");
        assertTrue(wait.isPresent() && wait.getAsLong() >= 1 && wait.getAsLong() <= 60, wait.toString());
        assertEquals(OptionalLong.empty(), limiter.tryAttempt("10.0.0.2", "someone-else"));
        clock.nanos += TimeUnit.SECONDS.toNanos(60);
        assertEquals(OptionalLong.empty(), limiter.tryAttempt("10.0.0.3", "mira"));
    }

    @Test
    void oneAddressGetsTenTriesWhateverTheNames() {
        LoginLimiter limiter = new LoginLimiter(new HandMeter(), 100);
        int allowed = 0;
        for (int i = 0; i < 30; i++) {
            allowed += limiter.tryAttempt("10.0.0.9", "account" + i).isEmpty() ? 1 : 0;
        }
        assertEquals(LoginLimiter.PER_ADDRESS, allowed);
    }

    @Test
    void madeUpNamesShareOneBucket() {
        LoginLimiter limiter = new LoginLimiter(new HandMeter(), 100);
        int allowed = 0;
        for (int i = 0; i < 20; i++) {
            allowed += limiter.tryAttempt("10.1.0." + i, null).isEmpty() ? 1 : 0;
        }
        assertEquals(LoginLimiter.PER_ACCOUNT, allowed);
    }
}
