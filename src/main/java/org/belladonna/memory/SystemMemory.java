package org.belladonna.memory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalLong;

/**
 * What Linux says about memory, read from /proc and the cgroup file system (no library needed: a few lines
 * of text). Everything is in bytes. The root is injectable so tests can lay out fake /proc and /sys trees.
 */
public final class SystemMemory {
    private final Path proc;
    private final Path cgroupRoot;

    public SystemMemory(Path proc, Path cgroupRoot) {
        this.proc = proc;
        this.cgroupRoot = cgroupRoot;
    }

    public static SystemMemory live() {
        return new SystemMemory(Path.of("/proc"), Path.of("/sys/fs/cgroup"));
    }

    /** Resident set of this process: heap in use by the OS, metaspace, threads, and native (PyTorch) memory. */
    public long residentBytes() throws IOException {
        return kbField(proc.resolve("self/status"), "VmRSS:").orElseThrow(() -> new IOException("no VmRSS in /proc/self/status"));
    }

    /** Peak resident set since start (or since the last reset: write "5" to /proc/self/clear_refs). */
    public long peakResidentBytes() throws IOException {
        return kbField(proc.resolve("self/status"), "VmHWM:").orElseThrow(() -> new IOException("no VmHWM in /proc/self/status"));
    }

    /** Peak resident set of another process (a worker this one started), from /proc/PID/status. */
    public long peakResidentBytes(long pid) throws IOException {
        return kbField(proc.resolve(pid + "/status"), "VmHWM:").orElseThrow(() -> new IOException("no VmHWM for process " + pid));
    }

    /**
     * Starts a new peak: {@link #peakResidentBytes()} then counts from the current resident size (writes 5 to
     * /proc/self/clear_refs, Linux 4.0+). Benchmarks reset it before each row, so each row's peak is its own.
     *
     * @return false where the kernel does not allow it (the peak then counts from the process's start)
     */
    public boolean resetPeak() {
        try {
            Files.writeString(proc.resolve("self/clear_refs"), "5");
            return true;
        } catch (IOException | SecurityException e) {
            return false;
        }
    }

    /** Minor page faults of this process so far (field 10 of /proc/self/stat): pages the kernel had to map in. */
    public long minorFaults() throws IOException {
        String stat = Files.readString(proc.resolve("self/stat"));
        // The fields after the command name, which may hold spaces: state is field 3, minflt field 10.
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        try {
            return Long.parseLong(fields[7]);
        } catch (RuntimeException e) {
            throw new IOException("cannot read minflt from /proc/self/stat", e);
        }
    }

    /** The kernel's estimate of memory available for new work without swapping (MemAvailable, Linux 3.14+). */
    public long availableBytes() throws IOException {
        return kbField(proc.resolve("meminfo"), "MemAvailable:").orElseThrow(() -> new IOException("no MemAvailable in /proc/meminfo"));
    }

    public long totalBytes() throws IOException {
        return kbField(proc.resolve("meminfo"), "MemTotal:").orElseThrow(() -> new IOException("no MemTotal in /proc/meminfo"));
    }

    /**
     * This process's cgroup memory limit, if any: cgroup v2 (unified hierarchy: cgroup.controllers at the
     * root; the "0::/path" line of /proc/self/cgroup; memory.max, "max" = none), else cgroup v1 (the
     * "memory" controller line; memory.limit_in_bytes, where "no limit" is a huge number). Hybrid hosts
     * (like this one) have a "0::/" line but the memory controller on v1. Inside a container the path is
     * usually "/" (cgroup namespace).
     */
    public OptionalLong cgroupLimitBytes() throws IOException {
        List<String> lines = Files.readAllLines(proc.resolve("self/cgroup"));
        for (String line : lines) {
            String[] f = line.split(":", 3);
            if (f.length == 3 && f[0].equals("0") && f[1].isEmpty() && Files.exists(cgroupRoot.resolve("cgroup.controllers"))) {
                return tightest(cgroupRoot, f[2], "memory.max");
            }
        }
        for (String line : lines) {
            String[] f = line.split(":", 3);
            if (f.length == 3 && List.of(f[1].split(",")).contains("memory")) {
                return tightest(cgroupRoot.resolve("memory"), f[2], "memory.limit_in_bytes");
            }
        }
        return OptionalLong.empty();
    }

    /** A parent's limit binds its children too: the smallest limit from the leaf up to the root. */
    private static OptionalLong tightest(Path root, String cgroupPath, String file) throws IOException {
        OptionalLong best = OptionalLong.empty();
        for (Path dir = under(root, cgroupPath); dir != null && dir.startsWith(root); dir = dir.getParent()) {
            Path f = dir.resolve(file);
            if (Files.isReadable(f)) {
                String v = Files.readString(f).strip();
                if (!v.equals("max")) {
                    long limit = Long.parseLong(v);
                    if (limit < (1L << 62) && (best.isEmpty() || limit < best.getAsLong())) {
                        best = OptionalLong.of(limit);
                    }
                }
            }
        }
        return best;
    }

    /** The default budget: 80 % of the tighter of the machine's memory and the cgroup limit. */
    public long defaultBudgetBytes() throws IOException {
        long ceiling = totalBytes();
        OptionalLong cg = cgroupLimitBytes();
        if (cg.isPresent()) {
            ceiling = Math.min(ceiling, cg.getAsLong());
        }
        return ceiling / 10 * 8;
    }

    private static Path under(Path root, String cgroupPath) {
        String rel = cgroupPath.startsWith("/") ? cgroupPath.substring(1) : cgroupPath;
        return rel.isEmpty() ? root : root.resolve(rel);
    }

    private static OptionalLong kbField(Path file, String key) throws IOException {
        for (String line : Files.readAllLines(file)) {
            if (line.startsWith(key)) {
                String[] parts = line.substring(key.length()).trim().split("\\s+");
                long v = Long.parseLong(parts[0]);
                return OptionalLong.of(parts.length > 1 && parts[1].equalsIgnoreCase("kB") ? v * 1024 : v);
            }
        }
        return OptionalLong.empty();
    }
}
