package org.belladonna.cli;

import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.belladonna.progress.Progress;

import java.util.Locale;

/** Long work on the terminal: one progress bar per phase, on stderr so that stdout stays the command's output. */
final class ProgressBars implements Progress, AutoCloseable {
    private final String unit;
    private final long unitSize;
    private String phase;
    private ProgressBar bar;

    /** Counts in plain units ("steps", "images"). */
    ProgressBars() {
        this("", 1);
    }

    /** Counts shown in a unit, e.g. "MiB" of 1 << 20. */
    ProgressBars(String unit, long unitSize) {
        this.unit = unit;
        this.unitSize = unitSize;
    }

    @Override
    public void update(String next, long done, long total, String detail) {
        if (!next.equals(phase)) {
            close();
            phase = next;
            bar = new ProgressBarBuilder().setTaskName(next.substring(0, 1).toUpperCase(Locale.ROOT) + next.substring(1))
                    .setInitialMax(total > 0 ? total : -1).setStyle(ProgressBarStyle.ASCII).setUpdateIntervalMillis(200)
                    .setUnit(unit, unitSize).build();
        }
        bar.maxHint(total > 0 ? total : -1);
        bar.stepTo(done);
        bar.setExtraMessage(detail == null ? "" : detail);
    }

    @Override
    public void close() {
        if (bar != null) {
            bar.close();
            bar = null;
        }
    }
}
