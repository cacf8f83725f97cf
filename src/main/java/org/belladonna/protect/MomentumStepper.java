package org.belladonna.protect;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDScope;

/**
 * Gradient descent in the L2 geometry with momentum: each image's gradient is weighted by its budget
 * map (so flat areas move less), normalised to unit RMS and accumulated with decay {@code mu} (momentum
 * over normalised gradients, as in MI-FGSM, Dong et al., CVPR 2018); the step has RMS {@code alpha},
 * decaying on a cosine from {@code alpha0} to {@code alpha0/10}. Unlike a signed step, which spreads the
 * same change over every pixel (the L-inf geometry, costly in PSNR), an L2 step puts the change where
 * the encoder is most sensitive.
 */
final class MomentumStepper implements Recipe.Stepper {
    private final double alpha0;
    private final double mu;
    private final int steps;
    private final NDArray share;
    private NDArray velocity;

    MomentumStepper(double alpha0, double mu, int steps, NDArray share) {
        this.alpha0 = alpha0;
        this.mu = mu;
        this.steps = steps;
        this.share = share;
    }

    @Override
    public NDArray next(NDArray delta, NDArray gradient, int step) {
        NDArray g = unitRms(gradient.mul(share));
        NDArray v = velocity == null ? g : velocity.mul(mu).add(g);
        close();
        velocity = v;
        NDScope.unregister(velocity);
        double progress = steps <= 1 ? 0 : (double) step / (steps - 1);
        double alpha = alpha0 * (0.1 + 0.9 * 0.5 * (1 + Math.cos(Math.PI * progress)));
        return delta.sub(unitRms(velocity).mul(alpha));
    }

    private static NDArray unitRms(NDArray x) {
        long n = x.getShape().get(0);
        NDArray rms = x.reshape(n, -1).square().mean(new int[] {1}).sqrt().add(1e-20).reshape(n, 1, 1, 1);
        return x.div(rms);
    }

    @Override
    public void close() {
        if (velocity != null) {
            velocity.close();
        }
    }
}
