package org.belladonna.jobs;

/**
 * Where a job runs. Lanes never wait on each other: model work shares {@link #DEVICE}, one job at a time
 * per host, so one accelerator (or the CPU cores) never runs two networks at once, while imports, exports
 * and downloads run on {@link #IO} beside it. A host serves the lanes it is given (a worker with a GPU serves
 * only DEVICE); any host may queue work into any lane.
 */
public enum Lane {
    DEVICE(1), IO(2);

    private final int workersPerHost;

    Lane(int workersPerHost) {
        this.workersPerHost = workersPerHost;
    }

    /** How many jobs of this lane one host runs at once. */
    public int workersPerHost() {
        return workersPerHost;
    }

    /** The lane's name in options and table prefixes: {@code device}, {@code io}. */
    public String id() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    /** The lane named {@code id}, or an {@link IllegalArgumentException} naming the lanes there are. */
    public static Lane of(String id) {
        for (Lane lane : values()) {
            if (lane.id().equals(id.trim().toLowerCase(java.util.Locale.ROOT))) {
                return lane;
            }
        }
        throw new IllegalArgumentException("no lane '" + id + "' (lanes: device, io)");
    }
}
