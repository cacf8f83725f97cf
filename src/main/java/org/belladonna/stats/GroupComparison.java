package org.belladonna.stats;

/**
 * Related versus control prompts, prompts as the units.
 *
 * @param related      summary of the related prompts
 * @param control      summary of the control prompts
 * @param difference   related mean % change minus control mean % change (percentage points)
 * @param differenceCi two-stage bootstrap percentile CI of the difference: prompts resampled within each
 *                     group, then images (or seed pairs) within each drawn prompt
 * @param permutation  permutation test of the difference over relabellings of the prompts
 */
public record GroupComparison(GroupSummary related, GroupSummary control, Value difference, Interval differenceCi,
                              PermutationTest permutation) {
}
