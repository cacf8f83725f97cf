package org.belladonna.protect;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDScope;
import ai.djl.training.GradientCollector;

import java.util.SplittableRandom;
import java.util.function.BooleanSupplier;

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

    /** How a run ended: the perturbation (null when cancelled) and the steps taken. */
    record Run(NDArray delta, int stepsDone, double lastDistance) {
        boolean cancelled() {
            return delta == null;
        }
    }

    private PgdLoop() {
    }

    static Run run(LatentEncoder encoder, Recipe recipe, Problem p, int steps, long seed,
                   ProgressListener progress, BooleanSupplier cancelled) {
        SplittableRandom random = new SplittableRandom(seed);
        Recipe.Stepper stepper = recipe.stepper(p.constraint(), steps);
        NDArray delta = p.working().zerosLike();
        double distance = Double.NaN;
        try {
            for (int step = 0; step < steps; step++) {
                if (cancelled.getAsBoolean()) {
                    delta.close();
                    return new Run(null, step, distance);
                }
                double loss;
                try (NDScope scope = new NDScope()) {
                    scope.suppressNotUsedWarning();
                    NDArray d = delta.duplicate();
                    d.setRequiresGradient(true);
                    NDArray gradient;
                    try (GradientCollector collector = Engine.getEngine("PyTorch").newGradientCollector()) {
                        NDArray latent = encoder.encode(recipe.view(p.candidate(d), random));
                        NDArray objective = recipe.loss(latent, p.target());
                        collector.backward(objective);
                        loss = objective.getFloat() / latent.getShape().get(0);
                        distance = Distances.rms(latent.stopGradient(), p.target());
                        gradient = d.getGradient().duplicate();
                    }
                    NDArray next = stepper.next(delta, gradient, step);
                    NDArray projected = p.constraint().project(next);
                    NDScope.unregister(projected);
                    delta.close();
                    delta = projected;
                }
                progress.onStep(step + 1, steps, loss, distance);
            }
            return new Run(delta, steps, distance);
        } finally {
            stepper.close();
        }
    }
}
