package org.belladonna.protect;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDScope;
import ai.djl.training.GradientCollector;
import org.belladonna.progress.Progress;
import org.belladonna.vae.Surrogate;

import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.stream.Collectors;

/**
 * The one optimisation loop every recipe runs (projected gradient descent, Madry et al. 2018), against an
 * ensemble of surrogate encoders at once:
 * candidate = clamp(working + M_rows d M_cols^T, 0, 1); loss = sum over families f of
 * recipe.loss(E_f(recipe.view(candidate)), target_f) / start_f; d = constraint.project(stepper.next(d, grad)).
 * <p>
 * Each family's term is divided by its value at the start, so every family counts the same however far its
 * latent space puts the target (without it, the family with the largest latents would take all the
 * budget). The families are differentiated one after another within a step and their gradients summed,
 * so a step needs the memory of the largest family's pass, not of all of them together; all see the same
 * random view (EOT) in a step. M folds "bilinear upsample to the artwork's size, then area downsample to
 * the working size" into two small matrices, so the optimiser sees exactly what the perturbation becomes
 * after delivery (up to 8-bit rounding) at the cost of two matrix products.
 */
final class PgdLoop {

    /** One family's part of the objective: its encoder, its target latent and 1 / its starting loss. */
    record Term(Surrogate encoder, NDArray target, double scale) {
    }

    /** The tensors of one optimisation problem; all live on the compute device. */
    record Problem(NDArray working, NDArray rowMap, NDArray colMap, Constraint constraint, List<Term> terms) {
        /** The image the encoders see for perturbation d (before the recipe's view). */
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
     * Reports each step to {@code progress} with each family's latent distance to its target, and checks for
     * cancellation before each step: a cancelled run throws {@link org.belladonna.progress.Cancelled}.
     */
    static NDArray run(Recipe recipe, Problem p, int steps, long seed, Progress progress) {
        SplittableRandom random = new SplittableRandom(seed);
        Recipe.Stepper stepper = recipe.stepper(p.constraint(), steps);
        NDArray delta = p.working().zerosLike();
        double[] first = null;
        try {
            for (int step = 0; step < steps; step++) {
                progress.checkCancelled();
                long viewSeed = random.nextLong();
                double[] distance = new double[p.terms().size()];
                try (NDScope scope = new NDScope()) {
                    scope.suppressNotUsedWarning();
                    NDArray gradient = null;
                    for (int f = 0; f < p.terms().size(); f++) {
                        NDArray g = gradient(recipe, p, p.terms().get(f), delta, new SplittableRandom(viewSeed), distance, f);
                        NDScope.register(g);   // freed with this step's scope
                        gradient = gradient == null ? g : gradient.add(g);
                    }
                    NDArray next = stepper.next(delta, gradient, step);
                    NDArray projected = p.constraint().project(next);
                    NDScope.unregister(projected);
                    delta.close();
                    delta = projected;
                }
                if (first == null) {
                    first = distance.clone();
                }
                progress.update(PHASE, step + 1, steps, describe(p.terms(), first, distance));
            }
            return delta;
        } catch (RuntimeException e) {
            delta.close();
            throw e;
        } finally {
            stepper.close();
        }
    }

    /** One family's scaled gradient with respect to d; its distance to target goes in {@code distance[f]}. */
    private static NDArray gradient(Recipe recipe, Problem p, Term term, NDArray delta, SplittableRandom view,
                                    double[] distance, int f) {
        try (NDScope scope = new NDScope()) {
            scope.suppressNotUsedWarning();
            NDArray d = delta.duplicate();
            d.setRequiresGradient(true);
            NDArray gradient;
            try (GradientCollector collector = Engine.getEngine("PyTorch").newGradientCollector()) {
                NDArray latent = term.encoder().encode(recipe.view(p.candidate(d), view));
                NDArray objective = recipe.loss(latent, term.target()).mul(term.scale());
                collector.backward(objective);
                distance[f] = Distances.rms(latent.stopGradient(), term.target());
                gradient = d.getGradient().duplicate();
            }
            NDScope.unregister(gradient);   // outlives this family's scope: the caller registers it in the step's
            return gradient;
        }
    }

    /** "distance to the target: taef2 0.412 → 0.301, taesana 0.530 → 0.480". */
    private static String describe(List<Term> terms, double[] first, double[] now) {
        String each = java.util.stream.IntStream.range(0, terms.size())
                .mapToObj(i -> String.format(Locale.ROOT, "%s %.3f → %.3f", terms.get(i).encoder().name(), first[i], now[i]))
                .collect(Collectors.joining(", "));
        return "distance to the target: " + each;
    }
}
