package org.belladonna.archive;

import java.util.ArrayList;
import java.util.List;

/**
 * What an import did. Re-importing the same source gives zero added everywhere: images are keyed by
 * (prompt, variant, content hash) and a score equal to the stored one is left alone.
 *
 * @param ignored  files that are not part of the layout, never read as images
 * @param warnings things worth knowing that did not stop the import (e.g. prompts without a group)
 */
public record ImportSummary(long experimentId, String experimentName, boolean experimentCreated, int promptsAdded,
                            int imagesAdded, int imagesSkipped, int scoresAdded, int scoresReplaced, int scoresSkipped,
                            List<String> ignored, List<String> warnings) {

    public List<String> lines() {
        List<String> lines = new ArrayList<>();
        lines.add((experimentCreated ? "Created" : "Imported into") + " experiment " + experimentId + " \"" + experimentName + "\".");
        lines.add("Images: " + imagesAdded + " added, " + imagesSkipped + " skipped (already there); prompts: "
                + promptsAdded + " added.");
        if (scoresAdded + scoresReplaced + scoresSkipped > 0) {
            lines.add("Scores: " + scoresAdded + " added, " + scoresReplaced + " replaced, " + scoresSkipped + " skipped (already there).");
        }
        if (!ignored.isEmpty()) {
            lines.add("Ignored " + ignored.size() + " file(s) outside the layout: " + String.join(", ", ignored.subList(0, Math.min(5, ignored.size())))
                    + (ignored.size() > 5 ? ", …" : "") + ".");
        }
        lines.addAll(warnings);
        return lines;
    }

    public String message() {
        return String.join(" ", lines());
    }
}
