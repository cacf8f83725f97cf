package org.belladonna.protect;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

import java.util.SplittableRandom;

/**
 * Our recipe ({@link BelladonnaRecipe}: same distance, arguments, defaults and shapes) with expectation
 * over transformation.
 * <p>
 * Paper: Athalye, Engstrom, Ilyas and Kwok, "Synthesizing Robust Adversarial Examples", ICML 2018. Each
 * step the encoder sees the candidate through one random transformation, drawn uniformly from
 * <ul>
 * <li>none;</li>
 * <li>JPEG at quality 60-95 ({@link DifferentiableJpeg}, straight-through rounding);</li>
 * <li>area downscale to 40-90 % and bilinear back up;</li>
 * <li>Gaussian noise, sigma 0.02-0.07.</li>
 * </ul>
 * These cover the published critiques (JPEG, resizing, noise strip most perturbations: e.g. Hönig et al.,
 * "Adversarial perturbations cannot reliably protect artists from generative AI", 2024) with ranges
 * that bracket the report's tests (q90, q75, 50 %, sigma 0.05). The steps stay the same: the randomness
 * averages out through the momentum.
 */
public final class RobustRecipe extends BelladonnaRecipe {

    @Override
    public String name() {
        return "belladonna-robust";
    }

    @Override
    NDArray view(NDArray x, SplittableRandom random) {
        switch (random.nextInt(4)) {
            case 1:
                return DifferentiableJpeg.roundTrip(x, 60 + random.nextInt(36));
            case 2:
                return resizeRoundTrip(x, 0.4 + 0.5 * random.nextDouble());
            case 3:
                return addNoise(x, 0.02 + 0.05 * random.nextDouble(), random);
            default:
                return x;
        }
    }

    private static NDArray resizeRoundTrip(NDArray x, double scale) {
        Shape s = x.getShape();
        int h = (int) s.get(2);
        int w = (int) s.get(3);
        int sh = Math.max(1, (int) Math.round(h * scale));
        int sw = Math.max(1, (int) Math.round(w * scale));
        NDManager nd = x.getManager();
        NDArray rows = nd.create(Resampling.multiply(Resampling.bilinear(sh, h), Resampling.area(h, sh)))
                .toDevice(x.getDevice(), false);
        NDArray cols = nd.create(Resampling.multiply(Resampling.bilinear(sw, w), Resampling.area(w, sw)))
                .toDevice(x.getDevice(), false);
        return rows.matMul(x).matMul(cols.transpose());
    }

    private static NDArray addNoise(NDArray x, double sigma, SplittableRandom random) {
        float[] noise = new float[(int) x.size()];
        for (int i = 0; i < noise.length; i++) {
            noise[i] = (float) (random.nextGaussian() * sigma);
        }
        NDArray n = x.getManager().create(noise, x.getShape()).toDevice(x.getDevice(), false);
        return x.add(n).clip(0, 1);
    }
}
