package org.belladonna.models;

/**
 * What the background install of the default models is doing, for a page to poll. Thread-safe: the
 * installing thread writes, request threads read {@link #snapshot()}.
 */
public final class InstallStatus implements PullProgress {
    public enum State { IDLE, RUNNING, DONE, FAILED }

    /** An immutable view; {@code totalBytes} is -1 when unknown. */
    public record Snapshot(State state, String modelId, long bytesSoFar, long totalBytes, String message) {
        /** 0..100, or -1 when the size is unknown. */
        public int percent() {
            return totalBytes > 0 ? (int) Math.min(100, 100 * bytesSoFar / totalBytes) : -1;
        }
    }

    private volatile Snapshot snapshot = new Snapshot(State.IDLE, null, 0, -1, "");

    public Snapshot snapshot() {
        return snapshot;
    }

    void running(String message) {
        snapshot = new Snapshot(State.RUNNING, null, 0, -1, message);
    }

    void done(String message) {
        snapshot = new Snapshot(State.DONE, null, 0, -1, message);
    }

    void failed(String message) {
        snapshot = new Snapshot(State.FAILED, snapshot.modelId(), snapshot.bytesSoFar(), snapshot.totalBytes(), message);
    }

    @Override
    public void started(ModelManifest.Model model, long totalBytes) {
        snapshot = new Snapshot(State.RUNNING, model.id(), 0, totalBytes, "downloading " + model.id());
    }

    @Override
    public void transferred(ModelManifest.Model model, long bytesSoFar) {
        Snapshot s = snapshot;
        snapshot = new Snapshot(State.RUNNING, model.id(), bytesSoFar, s.totalBytes(), s.message());
    }

    @Override
    public void finished(ModelManifest.Model model) {
        snapshot = new Snapshot(State.RUNNING, model.id(), snapshot.bytesSoFar(), snapshot.totalBytes(),
                "installed " + model.id());
    }
}
