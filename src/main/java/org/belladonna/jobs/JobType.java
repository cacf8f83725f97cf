package org.belladonna.jobs;

import java.util.List;

/**
 * One kind of background job: the name stored on its rows, the lane it runs on, the record its payload
 * is (stored as JSON), and the named phases its work goes through with each phase's share of the whole
 * (the progress bar and the estimate follow them). A feature declares its job type beside its service and
 * handler; the service registers the handler with the {@link BackgroundJobs}.
 *
 * @param phases in order; shares sum to 1
 */
public record JobType<P>(String name, Lane lane, Class<P> payload, List<Phase> phases) {

    /** A named part of a job's work and its share of the whole, in (0, 1]. */
    public record Phase(String name, double share) {
    }

    public JobType {
        if (!name.matches("[a-z][a-z0-9-]*")) {
            throw new IllegalArgumentException("job type names are lower-case words: " + name);
        }
        phases = List.copyOf(phases);
        double sum = phases.stream().mapToDouble(Phase::share).sum();
        if (phases.isEmpty() || Math.abs(sum - 1) > 1e-9) {
            throw new IllegalArgumentException("the phases of " + name + " must share the whole work, not " + sum);
        }
    }

    /** A job type whose phases are given as name, share, name, share, ... */
    public static <P> JobType<P> of(String name, Lane lane, Class<P> payload, Object... phases) {
        if (phases.length == 0 || phases.length % 2 != 0) {
            throw new IllegalArgumentException("phases come as name, share pairs");
        }
        Phase[] list = new Phase[phases.length / 2];
        for (int i = 0; i < list.length; i++) {
            list[i] = new Phase((String) phases[2 * i], ((Number) phases[2 * i + 1]).doubleValue());
        }
        return new JobType<>(name, lane, payload, List.of(list));
    }

    /** The share of the work done before {@code phase} starts, or -1 for a phase this type does not name. */
    double shareBefore(String phase) {
        double before = 0;
        for (Phase p : phases) {
            if (p.name().equals(phase)) {
                return before;
            }
            before += p.share();
        }
        return -1;
    }

    double share(String phase) {
        return phases.stream().filter(p -> p.name().equals(phase)).mapToDouble(Phase::share).findFirst().orElse(0);
    }
}
