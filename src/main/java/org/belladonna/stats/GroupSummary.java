package org.belladonna.stats;

/**
 * One group's (related or control) summary.
 *
 * @param prompts          prompts that count: defined % change and at least minNInference images per variant
 *                         (or pairs, for a paired prompt)
 * @param excluded         prompts of this group left out for too few images or a zero baseline
 * @param meanPctChange    unweighted mean over the counted prompts of their % change
 * @param meanPctChangeCi  two-stage bootstrap percentile CI of that mean (prompts, then images within prompts)
 */
public record GroupSummary(int prompts, int excluded, Value meanPctChange, Interval meanPctChangeCi) {
}
