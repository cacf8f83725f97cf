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
 * budget), and the gradients are balanced so that the family that has moved least leads ({@link #balanced}). The families are differentiated one after another within a step and their gradients summed,
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

    /**
     * How strongly the lagging family leads (see {@link #balanced}): with 30, a family 5 points of its distance
     * behind gets 4.5 times the other's weight. 10 and 30 were measured (docs/benchmarks.md); 30 evened best.
     */
    static final double BALANCE = 30;

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
                    NDArray[] gradients = new NDArray[p.terms().size()];
                    for (int f = 0; f < gradients.length; f++) {
                        gradients[f] = gradient(recipe, p, p.terms().get(f), delta, new SplittableRandom(viewSeed), distance, f);
                        NDScope.register(gradients[f]);   // freed with this step's scope
                    }
                    NDArray gradient = gradients.length == 1 ? gradients[0]
                            : balanced(gradients, distance, first == null ? distance : first);
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

    /**
     * The ensemble's step direction. Summed as they come, the gradients lead the step toward the family whose
     * gradient is largest per pixel (TAESana's), and the other family gets what is left: at 256 px,
     * 14.6 % moved on TAEF2 against 26.2 % on TAESana. So each family's gradient is scaled to a mean |g| of 1
     * and weighted by exp(BALANCE * (r_f - max r)), r_f being the fraction of its starting distance still to
     * go: equal at the start, the family that lags leads the next step (18.2 % and 20.0 % at the same
     * budget; docs/benchmarks.md). Weights are recomputed every step from that step's own distances.
     */
    private static NDArray balanced(NDArray[] gradients, double[] distance, double[] start) {
        double most = 0;
        for (int f = 0; f < gradients.length; f++) {
            most = Math.max(most, distance[f] / start[f]);
        }
        NDArray sum = null;
        for (int f = 0; f < gradients.length; f++) {
            double weight = Math.exp(BALANCE * (distance[f] / start[f] - most));
            NDArray g = gradients[f].div(gradients[f].abs().mean().add(1e-20f)).mul(weight);
            sum = sum == null ? g : sum.add(g);
        }
        return sum;
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
