package org.belladonna.jobs;

/**
 * Where a running job is, as its worker measured it: the named phase and its place among the job type's
 * phases, the units done of the phase, and the time left estimated from measured unit times (null while
 * there are too few to go on: the page says "estimating…" rather than guess).
 *
 * @param phaseNumber 1-based place of the phase among the type's phases, 0 for a phase the type does not name
 */
public record JobEstimate(String phase, int phaseNumber, int phaseCount, long done, long total, String detail,
                          Double secondsLeft) {
}
