package org.belladonna.protect;

/**
 * How many optimisation steps our recipe takes. Each step is one encoder forward + backward at the
 * working size (about 2-3 s at 512x512 on a 2-core CPU), so these are chosen for time: FAST for a quick
 * preview, DEFAULT to fit a minute per 512 px image on a 2-core CPU (20 steps took 76 s there and moved
 * 24.1 % against 23.1 % for 8 steps: the move saturates early under the PSNR floor), THOROUGH where a
 * GPU or patience is available. (Glaze and Nightshade use 500 signed-gradient steps, Mist 100, PhotoGuard
 * 200-1000; L2 steps with momentum get most of their move in far fewer, see BelladonnaRecipe.)
 */
public enum Quality {
    FAST(8), DEFAULT(12), THOROUGH(60);

    private final int steps;

    Quality(int steps) {
        this.steps = steps;
    }

    public int steps() {
        return steps;
    }
}
