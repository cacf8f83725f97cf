package org.belladonna.web;

import org.belladonna.jobs.JobEstimate;
import org.belladonna.jobs.BackgroundJobs;
import org.belladonna.store.Records.Job;

import java.util.Locale;

/**
 * What the job fragment says about a job: its named phase and place ("Optimising · phase 2 of 4"), the unit
 * within it ("step 3 of 12"), the worker's detail line, and the time left measured from unit times
 * ("estimating…" until there are enough). Every page that shows a job gets it as {@code jobViews}.
 */
public final class JobViews {
    private final BackgroundJobs jobs;

    JobViews(BackgroundJobs jobs) {
        this.jobs = jobs;
    }

    /** The fragment's lines; {@code eta} is null when there is nothing to say about time. */
    public record JobView(String phase, String step, String detail, String eta) {
    }

    public JobView of(Job job) {
        if (!"running".equals(job.state())) {
            return new JobView("", "", "", null);
        }
        JobEstimate e = jobs.estimate(job.id()).orElse(null);
        if (e == null) {
            // Not measured by this process (e.g. just resumed after a restart): the stored line, no estimate.
            return new JobView(job.message() == null ? "" : job.message(), "", "", null);
        }
        String phase = capitalised(e.phase()) + (e.phaseNumber() > 0 ? " · phase " + e.phaseNumber() + " of " + e.phaseCount() : "");
        String step = e.total() > 1 ? units(e) : "";
        String eta = e.secondsLeft() == null ? "estimating time left…" : "about " + duration(e.secondsLeft()) + " left";
        return new JobView(phase, step, e.detail(), eta);
    }

    private static String units(JobEstimate e) {
        if (e.phase().equals(org.belladonna.models.ModelRegistry.DOWNLOADING)) { // counted in bytes
            return String.format(Locale.ROOT, "%.1f of %.1f MiB", e.done() / 1048576.0, e.total() / 1048576.0);
        }
        return "step " + e.done() + " of " + e.total();
    }

    static String duration(double seconds) {
        long s = Math.round(seconds);
        if (s < 60) {
            return Math.max(1, s) + " s";
        }
        if (s < 3600) {
            long rounded = Math.round(s / 10.0) * 10;
            return rounded / 60 + " min" + (rounded % 60 == 0 ? "" : " " + rounded % 60 + " s");
        }
        return s / 3600 + " h " + (s % 3600) / 60 + " min";
    }

    private static String capitalised(String s) {
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }
}
