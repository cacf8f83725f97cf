package org.belladonna.protect;

/**
 * Our default: the Nightshade objective (move the latent toward the target concept's) reached in far
 * fewer steps, with the budget spent where it is least visible.
 * <p>
 * Paper: the objective and threat model of Shan et al., Nightshade (IEEE S&amp;P 2024); the step rule is
 * MI-FGSM's momentum over normalised gradients (Dong et al., CVPR 2018) in the L2 geometry.
 * <p>
 * Distance: L-inf (each channel of each pixel changes by at most eps times its budget share) and L2 (an
 * RMS ball: the intensity's PSNR floor), both on the delivered 8-bit image.
 * <p>
 * Arguments and defaults: eps from {@link Intensity} (default 10/255), PSNR floor from {@link Intensity}
 * (default 35 dB), steps from {@link Effort} (default 12), first step as long as the whole RMS allowance
 * decaying on a cosine to a tenth, momentum 0.5, budget map floor {@value #FLOOR} reached below a local
 * luma sigma of {@value #SIGMA_FULL}.
 * <p>
 * Shapes: the artwork (1, 3, h, w) in [0, 1] at the working size, the target latent (1, C, h/s, w/s).
 * <ul>
 * <li>A visibility budget as well as the L-inf one: RMS(d) is held under the intensity's PSNR floor
 *     ({@link Constraint}), and the steps are L2 steps with momentum ({@link MomentumStepper}), which put
 *     the change where the encoder is sensitive instead of pushing every pixel to +-eps as signed steps
 *     do. Nightshade's signed steps fill the whole L-inf box (PSNR ~29 dB at 10/255).</li>
 * <li>A contrast-masking budget map: the visibility threshold of a change grows with local activity
 *     (just-noticeable-distortion models, Chou and Li, IEEE TCSVT 1995), so each pixel may use
 *     {@code FLOOR + (1 - FLOOR) * min(1, sigma / SIGMA_FULL)} of the budget, sigma = local luma standard
 *     deviation in a 5x5 window. Flat sky keeps 40 %, textured brushwork gets all of it. FLOOR and
 *     SIGMA_FULL are ours, chosen on the bench image for PSNR at little cost in strength.</li>
 * </ul>
 * The L-inf budget itself is never exceeded: the map only shrinks it.
 */
public class BelladonnaRecipe extends Recipe {
    static final float FLOOR = 0.4f;
    static final float SIGMA_FULL = 0.06f;
    private static final int RADIUS = 2;

    @Override
    public String name() {
        return "belladonna";
    }

    @Override
    public int defaultSteps(Effort effort) {
        return effort.steps();
    }

    @Override
    Stepper stepper(Constraint c, int steps) {
        // first step as long as the whole RMS allowance; momentum 0.5 (both tuned on the bench image:
        // alpha0 = radius/2 with momentum 0.75 moved the same distance)
        return new MomentumStepper(c.rmsRadius(), 0.5, steps, c.share());
    }

    /** The intensity's PSNR floor as an RMS radius (see {@link Intensity}). */
    @Override
    double rmsRadius(Intensity intensity) {
        return Constraint.rmsForPsnr(intensity.minPsnr());
    }

    @Override
    float[] budgetShare(Planes working) {
        int w = working.width();
        int h = working.height();
        float[][] p = working.rgb();
        float[] luma = new float[w * h];
        for (int i = 0; i < luma.length; i++) {
            luma[i] = 0.299f * p[0][i] + 0.587f * p[1][i] + 0.114f * p[2][i];
        }
        float[] share = new float[w * h];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                double sum = 0;
                double sumSq = 0;
                int count = 0;
                for (int dy = -RADIUS; dy <= RADIUS; dy++) {
                    int yy = Math.min(h - 1, Math.max(0, y + dy));
                    for (int dx = -RADIUS; dx <= RADIUS; dx++) {
                        int xx = Math.min(w - 1, Math.max(0, x + dx));
                        float v = luma[yy * w + xx];
                        sum += v;
                        sumSq += v * v;
                        count++;
                    }
                }
                double mean = sum / count;
                double sigma = Math.sqrt(Math.max(0, sumSq / count - mean * mean));
                share[y * w + x] = (float) (FLOOR + (1 - FLOOR) * Math.min(1, sigma / SIGMA_FULL));
            }
        }
        return share;
    }
}
