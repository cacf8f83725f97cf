package org.belladonna.jobs;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/**
 * Measures how long a job's units take, phase by phase, and estimates what is left from those measurements.
 * The first unit of each phase is not used (it carries the phase's warm-up: allocations, compilation), and
 * nothing is estimated before {@link #MIN_UNITS} more were measured. The phase's time left is its units left
 * times the mean of the latest {@link #WINDOW} unit times; the phases still to come are priced from the
 * current phase's measured pace and the type's shares (their own measurements take over when they start).
 */
final class StepClock {
    static final int MIN_UNITS = 3;
    static final int WINDOW = 10;

    private final List<JobType.Phase> phases;
    private String phase;
    private long lastDone;
    private long lastNanos;
    private boolean warmedUp;
    private long done;
    private long total;
    private String detail = "";
    private final Deque<Double> unitSeconds = new ArrayDeque<>();

    StepClock(JobType<?> type) {
        this.phases = type.phases();
    }

    synchronized void update(String phase, long done, long total, String detail, long nanos) {
        if (!phase.equals(this.phase)) {
            this.phase = phase;
            unitSeconds.clear();
            warmedUp = false;
            lastDone = done;
            lastNanos = nanos;
        } else if (done > lastDone) {
            if (warmedUp) {
                double each = (nanos - lastNanos) / 1e9 / (done - lastDone);
                for (long i = lastDone; i < done && i - lastDone < WINDOW; i++) {
                    unitSeconds.addLast(each);
                }
                while (unitSeconds.size() > WINDOW) {
                    unitSeconds.removeFirst();
                }
            }
            warmedUp = true;
            lastDone = done;
            lastNanos = nanos;
        }
        this.done = done;
        this.total = total;
        this.detail = detail == null ? "" : detail;
    }

    synchronized JobEstimate estimate() {
        if (phase == null) {
            return null;
        }
        int index = -1;
        for (int i = 0; i < phases.size(); i++) {
            if (phases.get(i).name().equals(phase)) {
                index = i;
            }
        }
        Double left = null;
        if (total > 0 && unitSeconds.size() >= MIN_UNITS && index >= 0) {
            double each = unitSeconds.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
            double phaseLeft = Math.max(0, total - done) * each;
            double later = 0;
            for (int i = index + 1; i < phases.size(); i++) {
                later += phases.get(i).share();
            }
            left = phaseLeft + later / phases.get(index).share() * (total * each);
        }
        return new JobEstimate(phase, index + 1, phases.size(), done, total, detail, left);
    }
}
