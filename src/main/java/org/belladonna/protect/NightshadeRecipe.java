package org.belladonna.protect;

/**
 * The published baseline: Nightshade's poison-image optimisation.
 * <p>
 * Paper: Shan, Ding, Passananti, Wu, Zheng and Zhao, "Nightshade: Prompt-Specific Poisoning Attacks on
 * Text-to-Image Generative Models", IEEE S&amp;P 2024, and their released research code; the step rule
 * is I-FGSM / PGD (Madry et al., ICLR 2018).
 * <p>
 * Distance: L-inf only (d clipped to the eps box each step); loss ||E(clamp(x + d)) - E(anchor)||_2.
 * <p>
 * Arguments and defaults: eps from {@link Intensity} unless given (the paper's is 0.04-0.05; our bench
 * runs it at 10/255 to compare with our default at the same budget), {@value #STEPS} signed-gradient steps
 * whatever the {@link Effort}, step size decaying linearly from eps to eps/100, d = 0 at the start.
 * <p>
 * Shapes: the artwork (1, 3, h, w) in [0, 1] at the working size, the target latent (1, C, h/s, w/s).
 */
public final class NightshadeRecipe extends Recipe {
    /** Nightshade's step count. */
    public static final int STEPS = 500;

    @Override
    public String name() {
        return "nightshade";
    }

    @Override
    public int defaultSteps(Effort effort) {
        return STEPS;
    }

    @Override
    Stepper stepper(Constraint constraint, int steps) {
        double eps = constraint.eps();
        return (delta, gradient, step) -> {
            // linear decay eps -> eps/100 over the run, as in the reference code
            double progress = steps <= 1 ? 0 : (double) step / (steps - 1);
            double alpha = eps * (1 - progress * 0.99);
            return delta.sub(gradient.sign().mul(alpha));
        };
    }
}
