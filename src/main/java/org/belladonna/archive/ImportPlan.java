package org.belladonna.archive;

import java.util.List;
import java.util.Map;

/**
 * What a source asks to import, read from its manifest or folder layout, before any image is decoded.
 *
 * @param experiment  name, description and concept from an {@code experiment.json} (an export carries one), or null
 * @param prompts     every prompt in the order it is first named
 * @param groups      prompt -> related (true) or control (false); prompts without a group are absent
 * @param images      one entry per image row
 * @param scores      scores to attach to those rows
 * @param ignored     files that are not part of the layout (read nowhere, stored nowhere)
 * @param refused     reasons the source cannot be imported as it is; any one refuses the whole import
 * @param manifest    the manifest file read and its SHA-256, or {@link Manifest#NONE} for the plain layout
 */
record ImportPlan(ExperimentInfo experiment, List<String> prompts, Map<String, Boolean> groups,
                  List<Item> images, List<ScoreItem> scores, List<String> ignored, List<String> refused,
                  Manifest manifest) {

    /** @param scorer the scorer the study says it used (experiment.json "scorer"), or "" */
    record ExperimentInfo(String name, String description, String concept, String scorer) {
    }

    /** The manifest's name in the source (manifest.csv or manifest.json) and the SHA-256 of its bytes. */
    record Manifest(String file, String sha256) {
        static final Manifest NONE = new Manifest("", "");
    }

    /** An image row: {@code file} is the name inside the source. */
    record Item(String file, String prompt, String variant, Long seed, String sourceName, String metadataJson) {
    }

    /** A score for the rows of {@code file} (narrowed to one prompt and variant when they are given). */
    record ScoreItem(String file, String prompt, String variant, String modelId, String modelVersion, double mean,
                     Double std, String distributionJson) {
    }
}
