package org.belladonna.stats;

/**
 * One group's (related or control) summary.
 *
 * @param prompts          prompts that count: defined % change and at least minNInference images per variant
 * @param excluded         prompts of this group left out for too few images or a zero baseline
 * @param meanPctChange    unweighted mean over the counted prompts of their % change
 * @param meanPctChangeCi  hierarchical percentile bootstrap CI of that mean
 */
public record GroupSummary(int prompts, int excluded, Value meanPctChange, Interval meanPctChangeCi) {
}
