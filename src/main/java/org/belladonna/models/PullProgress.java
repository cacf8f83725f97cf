package org.belladonna.models;

/** Hears about a pull as it goes: the CLI draws a progress bar, the web server keeps an {@link InstallStatus}. */
public interface PullProgress {
    PullProgress NONE = new PullProgress() {
    };

    /** @param totalBytes -1 when unknown */
    default void started(ModelManifest.Model model, long totalBytes) {
    }

    default void transferred(ModelManifest.Model model, long bytesSoFar) {
    }

    default void finished(ModelManifest.Model model) {
    }
}
