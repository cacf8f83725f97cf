package org.belladonna.store;

/** Row types, one per table; field names follow the columns (snake_case mapped to camelCase). */
public final class Records {
    private Records() {
    }

    public record ImageFile(String hash, String format, int width, int height, long byteSize, String createdAt) {
    }

    public record Experiment(long id, String name, String description, String concept, String createdAt) {
    }

    public record Prompt(long id, long experimentId, String text, boolean related, int position) {
    }

    public record Image(long id, long promptId, String hash, String variant, Long seed, String sourceName,
                        String metadata, String createdAt) {
    }

    public record Score(long id, long imageId, String modelId, String modelVersion, double mean, Double std,
                        String distribution, boolean imported, String createdAt) {
    }

    public record Job(long id, String kind, String state, String payload, double progress, String message,
                      String result, String error, int attempts, boolean cancelRequested, String createdAt,
                      String startedAt, String finishedAt) {
        public boolean finished() {
            return state.equals("done") || state.equals("failed") || state.equals("cancelled");
        }
    }

    public record Concept(long id, String slug, String name, String description, boolean builtin, String createdAt) {
    }

    public record Protection(long id, long jobId, String batch, String sourceHash, String sourceName, Long conceptId,
                             String settings, String outputHash, String report, String device, Long wallMs,
                             String createdAt) {
        public boolean protectedYet() {
            return outputHash != null;
        }
    }
}
