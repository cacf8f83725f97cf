package org.belladonna.jobs;

/**
 * Where a job runs. Each lane has one worker, so lanes never wait on each other: model work shares
 * {@link #DEVICE} so one accelerator (or the CPU cores) never runs two networks at once, while imports,
 * exports and downloads run on {@link #IO} beside it.
 */
public enum Lane {
    DEVICE, IO
}
