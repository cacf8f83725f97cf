package org.belladonna.protect;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDScope;
import ai.djl.training.GradientCollector;

import org.belladonna.progress.Progress;

import java.util.Locale;
import java.util.SplittableRandom;

/**
 * The one optimisation loop every recipe runs (projected gradient descent, Madry et al. 2018):
 * candidate = clamp(working + M_rows d M_cols^T, 0, 1); loss = recipe.loss(E(recipe.view(candidate)),
 * target); d = constraint.project(stepper.next(d, grad)). M folds "bilinear upsample to the artwork's size, then
 * area downsample to the working size" into two small matrices, so the optimiser sees exactly what the
 * perturbation becomes after delivery (up to 8-bit rounding) at the cost of two matrix products.
 */
final class PgdLoop {

    /** The tensors of one optimisation problem; all live on the compute device. */
    record Problem(NDArray working, NDArray rowMap, NDArray colMap, NDArray target, Constraint constraint) {
        /** The image the encoder sees for perturbation d (before the recipe's view). */
        NDArray candidate(NDArray d) {
            NDArray mapped = rowMap == null ? d : rowMap.matMul(d).matMul(colMap.transpose());
            return working.add(mapped).clip(0, 1);
        }
    }

    /** Phase name the loop reports its steps under. */
    static final String PHASE = "optimising";

    private PgdLoop() {
    }

    /**
     * Runs {@code steps} steps and returns the perturbation d (working size, owned by the problem's manager).
     * Reports each step to {@code progress} with the latent distance to the target, and checks for
     * cancellation before each step: a cancelled run throws {@link org.belladonna.progress.Cancelled}.
     */
    static NDArray run(LatentEncoder encoder, Recipe recipe, Problem p, int steps, long seed, Progress progress) {
        SplittableRandom random = new SplittableRandom(seed);
        Recipe.Stepper stepper = recipe.stepper(p.constraint(), steps);
        NDArray delta = p.working().zerosLike();
        double first = Double.NaN;
        try {
            for (int step = 0; step < steps; step++) {
                progress.checkCancelled();
                double distance;
                try (NDScope scope = new NDScope()) {
                    scope.suppressNotUsedWarning();
                    NDArray d = delta.duplicate();
                    d.setRequiresGradient(true);
                    NDArray gradient;
                    try (GradientCollector collector = Engine.getEngine("PyTorch").newGradientCollector()) {
                        NDArray latent = encoder.encode(recipe.view(p.candidate(d), random));
                        NDArray objective = recipe.loss(latent, p.target());
                        collector.backward(objective);
                        distance = Distances.rms(latent.stopGradient(), p.target());
                        gradient = d.getGradient().duplicate();
                    }
                    NDArray next = stepper.next(delta, gradient, step);
                    NDArray projected = p.constraint().project(next);
                    NDScope.unregister(projected);
                    delta.close();
                    delta = projected;
                }
                if (Double.isNaN(first)) {
                    first = distance;
                }
                progress.update(PHASE, step + 1, steps,
                        String.format(Locale.ROOT, "distance to the target %.3f → %.3f", first, distance));
            }
            return delta;
        } catch (RuntimeException e) {
            delta.close();
            throw e;
        } finally {
            stepper.close();
        }
    }
}
