package org.belladonna.protect;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDScope;

/**
 * Adam (Kingma and Ba, ICLR 2015; beta1 0.9, beta2 0.999) on the perturbation, with a cosine-decayed
 * learning rate from {@code lr0} to {@code lr0/10}. Glaze optimises with Adam too (Shan et al., USENIX
 * Security 2023). Per-pixel normalisation makes early steps about {@code lr0} in size, like a signed
 * step, while later steps follow the gradient's magnitude and settle instead of bouncing between the
 * budget's corners, which is what lets a short run get far.
 */
final class AdamStepper implements Recipe.Stepper {
    private static final double BETA1 = 0.9;
    private static final double BETA2 = 0.999;
    private static final double EPSILON = 1e-12;

    private final double lr0;
    private final int steps;
    private NDArray m;
    private NDArray v;

    AdamStepper(double lr0, int steps) {
        this.lr0 = lr0;
        this.steps = steps;
    }

    @Override
    public NDArray next(NDArray delta, NDArray gradient, int step) {
        NDArray newM = m == null ? gradient.mul(1 - BETA1) : m.mul(BETA1).add(gradient.mul(1 - BETA1));
        NDArray g2 = gradient.square();
        NDArray newV = v == null ? g2.mul(1 - BETA2) : v.mul(BETA2).add(g2.mul(1 - BETA2));
        close();
        m = newM;
        v = newV;
        // the moments outlive the step's scope
        NDScope.unregister(m, v);
        int t = step + 1;
        double progress = steps <= 1 ? 0 : (double) step / (steps - 1);
        double lr = lr0 * (0.1 + 0.9 * 0.5 * (1 + Math.cos(Math.PI * progress)));
        NDArray mHat = m.div(1 - Math.pow(BETA1, t));
        NDArray vHat = v.div(1 - Math.pow(BETA2, t));
        return delta.sub(mHat.div(vHat.sqrt().add(EPSILON)).mul(lr));
    }

    @Override
    public void close() {
        if (m != null) {
            m.close();
            v.close();
        }
    }
}
