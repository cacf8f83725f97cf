package org.belladonna.protect;

/**
 * How many optimisation steps our recipes take (shown to people as "quality": more steps, a protection
 * closer to what the budget allows). Each step is one encoder forward + backward at the working size
 * (about 2-3 s at 512x512 on a 2-core CPU), so these are chosen for time: FAST for a quick preview,
 * DEFAULT to fit a minute per 512 px image on a 2-core CPU (20 steps took 76 s there and moved 24.1 %
 * against 23.1 % for 8 steps: the move saturates early under the PSNR floor), THOROUGH where a GPU or
 * patience is available. The Nightshade baseline ignores these: it runs its published step count.
 */
public enum Effort {
    FAST(8), DEFAULT(12), THOROUGH(60);

    private final int steps;

    Effort(int steps) {
        this.steps = steps;
    }

    public int steps() {
        return steps;
    }
}
