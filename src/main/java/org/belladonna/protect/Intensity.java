package org.belladonna.protect;

/**
 * How much each pixel channel may change (L-inf budget, 8-bit levels) and how visible the whole change
 * may be (PSNR floor, held by our recipes; the Nightshade baseline has only the L-inf budget).
 * <ul>
 * <li>LOW 6/255: under the Nightshade paper's lowest tested budget; for delicate flat artwork.</li>
 * <li>DEFAULT 10/255: the budget of our Nightshade baseline (its paper uses 0.04-0.05, i.e. 10-13/255),
 *     so our recipe and the baseline compete at equal visibility budget.</li>
 * <li>HIGH 16/255: Mist's default (Liang et al. 2023, eps 16/255).</li>
 * <li>VISIBLE 24/255: labelled visible on purpose. At the invisible presets a model's-eye view of the
 *     protected image looks like the original's (about a fifth of the way to the target); here the
 *     target's facets show in what the model sees (at least 45 % of the way on TAEF2 at 512 px, measured in
 *     docs/benchmarks.md), at the price of a change people can see up close. PhotoGuard works at about
 *     16/255 and Nightshade's research code at 0.05 (13/255) without a PSNR floor.</li>
 * </ul>
 * PSNR floors 38 / 35 / 32 dB: 35 dB is where a perturbation of this kind stops being obvious on
 * flat areas at 100 % zoom (our target for the default); low and high sit 3 dB either side; visible's
 * 26 dB is about where signed PGD on TAEF2 at 16/255 lands (25.5 dB).
 */
public enum Intensity {
    LOW(6, 38), DEFAULT(10, 35), HIGH(16, 32), VISIBLE(24, 26);

    private final int levels;
    private final double minPsnr;

    Intensity(int levels, double minPsnr) {
        this.levels = levels;
        this.minPsnr = minPsnr;
    }

    /** Lowest PSNR (dB) our recipes allow, whatever the L-inf budget. */
    public double minPsnr() {
        return minPsnr;
    }

    public Budget budget() {
        return new Budget(levels);
    }
}
