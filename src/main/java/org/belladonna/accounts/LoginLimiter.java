package org.belladonna.accounts;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.TimeMeter;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalLong;

/**
 * Sign-in attempts as bucket4j token buckets: per client address a burst of 10 then 10 a minute, per
 * existing account a burst of 5 then 5 a minute. Names that are no account share one bucket, and at most
 * {@code maxKeys} buckets are kept (least recently used go first), so made-up names cannot grow the map.
 * The clock is injectable for tests.
 */
public final class LoginLimiter {
    static final int PER_ADDRESS = 10;
    static final int PER_ACCOUNT = 5;
    private static final Duration REFILL = Duration.ofMinutes(1);

    private final TimeMeter clock;
    private final Map<String, Bucket> buckets;

    public LoginLimiter() {
        this(TimeMeter.SYSTEM_MILLISECONDS, 10_000);
    }

    public LoginLimiter(TimeMeter clock, int maxKeys) {
        this.clock = clock;
        this.buckets = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Bucket> eldest) {
                return size() > maxKeys;
            }
        };
    }

    /** Empty when the attempt may go ahead; else how many seconds to wait (for Retry-After). */
    public synchronized OptionalLong tryAttempt(String clientAddress, String existingAccountOrNull) {
        ConsumptionProbe byAddress = bucket("address:" + clientAddress, PER_ADDRESS).tryConsumeAndReturnRemaining(1);
        if (!byAddress.isConsumed()) {
            return OptionalLong.of(seconds(byAddress));
        }
        String account = existingAccountOrNull == null ? "account:?" : "account:" + existingAccountOrNull.toLowerCase(java.util.Locale.ROOT);
        ConsumptionProbe byAccount = bucket(account, PER_ACCOUNT).tryConsumeAndReturnRemaining(1);
        if (!byAccount.isConsumed()) {
            return OptionalLong.of(seconds(byAccount));
        }
        return OptionalLong.empty();
    }

    private Bucket bucket(String key, int burst) {
        return buckets.computeIfAbsent(key, k -> Bucket.builder()
                .addLimit(Bandwidth.builder().capacity(burst).refillGreedy(burst, REFILL).build())
                .withCustomTimePrecision(clock)
                .build());
    }

    private static long seconds(ConsumptionProbe p) {
        return Math.max(1, (p.getNanosToWaitForRefill() + 999_999_999) / 1_000_000_000);
    }
}
