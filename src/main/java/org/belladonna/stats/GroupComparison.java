package org.belladonna.stats;

/**
 * Related versus control prompts.
 *
 * @param related      summary of the related prompts
 * @param control      summary of the control prompts
 * @param difference   related mean % change minus control mean % change (percentage points)
 * @param differenceCi hierarchical percentile bootstrap CI of the difference
 */
public record GroupComparison(GroupSummary related, GroupSummary control, Value difference, Interval differenceCi) {
}
