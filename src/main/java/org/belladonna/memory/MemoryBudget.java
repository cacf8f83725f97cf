package org.belladonna.memory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Admission of memory-hungry work by its estimate, so that the server is never pushed into swap or the
 * kernel's OOM killer. The budget (default: 80 % of the tighter of the machine's memory and its cgroup
 * limit) is a fair semaphore of MiB permits on top of what the process uses idle (a Semaphore counts ints,
 * so bytes would cap at 2 GiB). Work that needs more than the whole budget is refused at once, with the
 * numbers; other work waits its turn (first come, first served, so a big job is not starved by small ones)
 * for a bounded time, then is refused. Two honest second checks: the process's real resident size plus the
 * estimate must fit the budget, and the estimate must fit what the kernel says is available to new work
 * (other programs share the machine), so a wrong estimate or a leak delays work instead of killing it.
 */
public final class MemoryBudget {
    private static final long MIB = 1024 * 1024;

    private final long budgetMib;
    private final Semaphore permits;
    private final LongSupplier residentBytes;
    private final LongSupplier availableBytes;
    private final long baselineBytes;

    /**
     * @param budgetBytes    the most this process may use in all
     * @param baselineBytes  what it uses idle: reservations are on top of it
     * @param residentBytes  its resident size now
     * @param availableBytes memory the kernel could give new work now (MemAvailable)
     */
    public MemoryBudget(long budgetBytes, long baselineBytes, LongSupplier residentBytes, LongSupplier availableBytes) {
        this.budgetMib = (budgetBytes - baselineBytes) / MIB;
        if (budgetMib <= 0) {
            throw new IllegalArgumentException("the memory budget (" + budgetBytes / MIB + " MiB) is below what the "
                    + "server itself uses (" + baselineBytes / MIB + " MiB)");
        }
        this.permits = new Semaphore((int) Math.min(Integer.MAX_VALUE, budgetMib), true);
        this.residentBytes = residentBytes;
        this.availableBytes = availableBytes;
        this.baselineBytes = baselineBytes;
    }

    /** Where an operator sets the budget: {@code serve --memory-budget} sets the property, the env works everywhere. */
    public static final String PROPERTY = "belladonna.memory.budget";
    public static final String ENV = "BELLADONNA_MEMORY_BUDGET";
    private static final Pattern SIZE = Pattern.compile("(?i)\\s*(\\d{1,12})\\s*([kmgt]?)(i?b)?\\s*");

    /**
     * This machine's budget: {@code configuredBytes} when positive, else the configured one ({@value #PROPERTY}
     * or {@value #ENV}, e.g. "6g"), else 80 % of its memory or cgroup limit.
     */
    public static MemoryBudget ofThisMachine(long configuredBytes) {
        SystemMemory mem = SystemMemory.live();
        try {
            String setting = System.getProperty(PROPERTY, System.getenv(ENV));
            long budget = configuredBytes > 0 ? configuredBytes
                    : setting != null && !setting.isBlank() ? parseSize(setting) : mem.defaultBudgetBytes();
            return new MemoryBudget(budget, mem.residentBytes(), () -> read(mem::residentBytes),
                    () -> read(mem::availableBytes));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read this machine's memory from /proc", e);
        }
    }

    /**
     * Bytes from "4096m", "6g", "6GiB", "512M" or a plain byte count (binary units, as free(1) and Docker use).
     *
     * @throws IllegalArgumentException naming the accepted forms
     */
    public static long parseSize(String text) {
        Matcher m = SIZE.matcher(text);
        if (!m.matches()) {
            throw new IllegalArgumentException("'" + text + "' is not a memory size; use e.g. 6g, 4096m or 6GiB");
        }
        int shift = switch (m.group(2).toLowerCase(Locale.ROOT)) {
            case "k" -> 10;
            case "m" -> 20;
            case "g" -> 30;
            case "t" -> 40;
            default -> 0;
        };
        return Long.parseLong(m.group(1)) << shift;
    }

    private interface Reading {
        long get() throws IOException;
    }

    private static long read(Reading r) {
        try {
            return r.get();
        } catch (IOException e) {
            return 0;
        }
    }

    /** Work that cannot have the memory it needs; the message says how much, and what to do. */
    public static final class Refused extends Exception {
        public Refused(String message) {
            super(message);
        }
    }

    /** Memory held while the work runs; closing gives it back. */
    public final class Reservation implements AutoCloseable {
        private final int mib;
        private boolean closed;

        private Reservation(int mib) {
            this.mib = mib;
        }

        public long bytes() {
            return mib * MIB;
        }

        @Override
        public synchronized void close() {
            if (!closed) {
                closed = true;
                permits.release(mib);
            }
        }
    }

    /**
     * Whether work of this size could ever run here; a message for people when not. Submitting work calls
     * this so that a job that cannot fit is refused before anything is stored.
     */
    public void checkFits(String what, long estimateBytes) throws Refused {
        int mib = mib(estimateBytes);
        if (mib > budgetMib) {
            throw new Refused(what + " needs about " + human(mib) + " of memory; this server's budget for work is "
                    + human(budgetMib) + ".");
        }
    }

    /** Reserves the estimate, waiting at most {@code maxWait} for other work to finish; refuses what can never fit. */
    public Reservation reserve(String what, long estimateBytes, Duration maxWait) throws Refused, InterruptedException {
        checkFits(what, estimateBytes);
        int mib = mib(estimateBytes);
        long deadline = System.nanoTime() + maxWait.toNanos();
        if (!permits.tryAcquire(mib, maxWait.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new Refused(what + " waited for " + human(mib) + " of memory, which other work still holds ("
                    + human(inUseMib()) + " of " + human(budgetMib) + " reserved). Try again when it has finished.");
        }
        // Estimates can be wrong, and other programs use the machine too: the real figures must leave room.
        while (residentBytes.getAsLong() + mib * MIB > baselineBytes + budgetMib * MIB
                || availableBytes.getAsLong() < mib * MIB) {
            if (System.nanoTime() > deadline) {
                permits.release(mib);
                throw new Refused(what + " needs about " + human(mib) + " but this machine has only "
                        + human(availableBytes.getAsLong() / MIB) + " available (this server uses "
                        + human(residentBytes.getAsLong() / MIB) + "). Close other programs or choose a smaller job.");
            }
            Thread.sleep(50);
        }
        return new Reservation(mib);
    }

    public long inUseMib() {
        return budgetMib - permits.availablePermits();
    }

    public long budgetMib() {
        return budgetMib;
    }

    private static int mib(long bytes) {
        return (int) Math.min(Integer.MAX_VALUE, Math.max(1, (bytes + MIB - 1) / MIB));
    }

    /** "1.4 GB" or "730 MB": what people read (1 GB here = 1024 MiB). */
    public static String human(long mib) {
        return mib >= 1024 ? String.format(java.util.Locale.ROOT, "%.1f GB", mib / 1024.0) : mib + " MB";
    }
}
