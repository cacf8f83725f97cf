package org.belladonna.memory;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MemoryBudgetTest {
    static final long MIB = 1024 * 1024;
    @TempDir
    Path root;

    @Test
    void readsThisMachine() throws Exception {
        SystemMemory m = SystemMemory.live();
        System.out.printf("this JVM: VmRSS %d MiB, VmHWM %d MiB; MemAvailable %d MiB of MemTotal %d MiB; cgroup limit %s; default budget %d MiB%n",
                m.residentBytes() / MIB, m.peakResidentBytes() / MIB, m.availableBytes() / MIB, m.totalBytes() / MIB,
                m.cgroupLimitBytes().isPresent() ? m.cgroupLimitBytes().getAsLong() / MIB + " MiB" : "none", m.defaultBudgetBytes() / MIB);
        assertTrue(m.residentBytes() > 10 * MIB);
        assertTrue(m.availableBytes() <= m.totalBytes());
    }

    Path fake(String cgroupLine) throws Exception {
        Files.createDirectories(root.resolve("proc/self"));
        Files.writeString(root.resolve("proc/self/cgroup"), cgroupLine + "\n");
        Files.writeString(root.resolve("proc/self/status"), "Name:\tjava\nVmHWM:\t  204800 kB\nVmRSS:\t  102400 kB\n");
        Files.writeString(root.resolve("proc/meminfo"), "MemTotal:       16384000 kB\nMemFree:  1 kB\nMemAvailable:    8192000 kB\n");
        return root;
    }

    @Test
    void cgroupV2LimitAndItsAbsence() throws Exception {
        fake("0::/system.slice/belladonna.service");
        Path dir = Files.createDirectories(root.resolve("sys/fs/cgroup/system.slice/belladonna.service"));
        Files.writeString(root.resolve("sys/fs/cgroup/cgroup.controllers"), "cpu memory pids\n");
        SystemMemory m = new SystemMemory(root.resolve("proc"), root.resolve("sys/fs/cgroup"));
        Files.writeString(dir.resolve("memory.max"), "2147483648\n");
        assertEquals(OptionalLong.of(2L << 30), m.cgroupLimitBytes());
        assertEquals((2L << 30) / 10 * 8, m.defaultBudgetBytes());
        assertEquals(100 * MIB, m.residentBytes());
        assertEquals(200 * MIB, m.peakResidentBytes());
        Files.writeString(dir.resolve("memory.max"), "max\n");
        assertEquals(OptionalLong.empty(), m.cgroupLimitBytes());
        Files.writeString(root.resolve("sys/fs/cgroup/system.slice/memory.max"), "3221225472\n");
        assertEquals(OptionalLong.of(3L << 30), m.cgroupLimitBytes(), "the parent's limit binds");
        Files.delete(root.resolve("sys/fs/cgroup/system.slice/memory.max"));
        assertEquals(16384000L * 1024 / 10 * 8, m.defaultBudgetBytes());
    }

    @Test
    void minorFaultsAreReadPastACommandNameWithSpaces() throws Exception {
        Files.createDirectories(root.resolve("proc/self"));
        Files.writeString(root.resolve("proc/self/stat"), "4242 (java main) S 1 4242 4242 0 -1 4194560 98765 0 12 0 7 3\n");
        assertEquals(98765, new SystemMemory(root.resolve("proc"), root.resolve("sys/fs/cgroup")).minorFaults());
        assertTrue(SystemMemory.live().minorFaults() > 0);
    }

    @Test
    void cgroupV1Limit() throws Exception {
        fake("12:memory:/docker/abc\n0::/");
        Path dir = Files.createDirectories(root.resolve("sys/fs/cgroup/memory/docker/abc"));
        Files.writeString(dir.resolve("memory.limit_in_bytes"), "1073741824\n");
        assertEquals(OptionalLong.of(1L << 30), new SystemMemory(root.resolve("proc"), root.resolve("sys/fs/cgroup")).cgroupLimitBytes());
        Files.writeString(dir.resolve("memory.limit_in_bytes"), "9223372036854771712\n");
        assertEquals(OptionalLong.empty(), new SystemMemory(root.resolve("proc"), root.resolve("sys/fs/cgroup")).cgroupLimitBytes());
    }

    @Test
    void admitsWaitsAndRefuses() throws Exception {
        AtomicLong rss = new AtomicLong(200 * MIB);
        AtomicLong available = new AtomicLong(8000 * MIB);
        MemoryBudget budget = new MemoryBudget(1200 * MIB, 200 * MIB, rss::get, available::get); // 1000 MiB for work
        var tooBig = assertThrows(MemoryBudget.Refused.class, () -> budget.reserve("Protecting 40 images at 2048 px", 1500 * MIB, Duration.ZERO));
        System.out.println("refused at once: " + tooBig.getMessage());

        MemoryBudget.Reservation a = budget.reserve("job A", 600 * MIB, Duration.ZERO);
        CompletableFuture<MemoryBudget.Reservation> b = CompletableFuture.supplyAsync(() -> {
            try {
                return budget.reserve("job B", 500 * MIB, Duration.ofSeconds(30));
            } catch (Exception e) {
                throw new RuntimeException(e);
            }
        });
        Thread.sleep(100); // let B start waiting (not an assertion on time: B must not be done either way)
        assertFalse(b.isDone(), "B waits while A holds 600 of 1000 MiB");
        var timedOut = assertThrows(MemoryBudget.Refused.class, () -> budget.reserve("job C", 500 * MIB, Duration.ofMillis(10)));
        System.out.println("refused after waiting: " + timedOut.getMessage());
        a.close();
        MemoryBudget.Reservation bHeld = b.get(30, TimeUnit.SECONDS);
        assertEquals(500, budget.inUseMib());
        bHeld.close();

        rss.set(1100 * MIB); // the process really uses more than the reservations say
        var real = assertThrows(MemoryBudget.Refused.class, () -> budget.reserve("job D", 300 * MIB, Duration.ofMillis(100)));
        System.out.println("refused on real RSS: " + real.getMessage());
        assertEquals(0, budget.inUseMib(), "a refused reservation gives its permits back");

        rss.set(200 * MIB);
        available.set(100 * MIB); // other programs took the machine's memory
        var machine = assertThrows(MemoryBudget.Refused.class, () -> budget.reserve("job E", 300 * MIB, Duration.ofMillis(100)));
        assertTrue(machine.getMessage().contains("available"), machine.getMessage());
        assertEquals(0, budget.inUseMib());
    }

    @Test
    void sizesReadLikeDockerAndFree() {
        assertEquals(6L << 30, MemoryBudget.parseSize("6g"));
        assertEquals(4096L << 20, MemoryBudget.parseSize("4096M"));
        assertEquals(6L << 30, MemoryBudget.parseSize("6GiB"));
        assertEquals(123456789L, MemoryBudget.parseSize("123456789"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> MemoryBudget.parseSize("lots"));
        assertTrue(e.getMessage().contains("6g"), e.getMessage());
    }
}
