package org.belladonna.protect;

/**
 * The published baseline: Nightshade's poison-image optimisation (Shan, Ding, Passananti, Wu, Zheng
 * and Zhao, "Nightshade: Prompt-Specific Poisoning Attacks on Text-to-Image Generative Models",
 * IEEE S&amp;P 2024; their released research code). Loss ||E(clamp(x + d)) - E(anchor)||_2, 500
 * signed-gradient steps (I-FGSM / PGD, Madry et al. 2018) from d = 0, step size decaying linearly from
 * eps to eps/100, d clipped to the L-inf ball each step. The paper's eps is 0.04-0.05; our bench runs
 * it at 10/255 to compare with our default at the same budget.
 */
public final class NightshadeRecipe extends Recipe {
    /** Nightshade's step count. */
    public static final int STEPS = 500;

    @Override
    public String name() {
        return "nightshade";
    }

    @Override
    public int defaultSteps() {
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
