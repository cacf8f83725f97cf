package org.belladonna.protect;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.Test;

import java.awt.image.BufferedImage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ConstraintAndJpegTest {

    @Test
    void projectionHoldsBothTheBoxAndThePsnrFloor() {
        try (NDManager nd = NDManager.newBaseManager()) {
            float[] d = new float[2 * 3 * 8 * 8];
            for (int i = 0; i < d.length; i++) {
                d[i] = (i % 7 - 3) * 0.02f; // up to 0.06, RMS ~0.04
            }
            float[] share = new float[2 * 64];
            java.util.Arrays.fill(share, 1f);
            share[5] = 0.25f;
            Constraint c = new Constraint(10 / 255.0, nd.create(share, new Shape(2, 1, 8, 8)), Constraint.rmsForPsnr(35));
            NDArray p = c.project(nd.create(d, new Shape(2, 3, 8, 8)));
            float[] out = p.toFloatArray();
            double sumSq = 0;
            for (int i = 0; i < 3 * 64; i++) { // first image
                assertTrue(Math.abs(out[i]) <= 10 / 255.0 + 1e-7);
                sumSq += out[i] * out[i];
            }
            assertTrue(Math.abs(out[5]) <= 0.25 * 10 / 255.0 + 1e-7, "budget map not applied: " + out[5]);
            double psnr = -20 * Math.log10(Math.sqrt(sumSq / (3 * 64)));
            assertTrue(psnr >= 35 - 1e-4, "psnr " + psnr);
            // without an RMS radius only the box applies
            Constraint box = new Constraint(10 / 255.0, nd.create(share, new Shape(2, 1, 8, 8)), Double.POSITIVE_INFINITY);
            assertEquals(10 / 255.0, box.project(nd.create(d, new Shape(2, 3, 8, 8))).abs().max().getFloat(), 1e-6);
        }
    }

    @Test
    void differentiableJpegTracksTheRealCodec() {
        BufferedImage img = LoopTest.noiseImage(64, 48, 3);
        Planes p = Planes.of(img);
        Planes real = Robustness.jpeg(p, 0.75f);
        try (NDManager nd = NDManager.newBaseManager()) {
            float[] approx = DifferentiableJpeg.roundTrip(nd.create(p.chw(), new Shape(1, 3, 48, 64)), 75).toFloatArray();
            float[] exact = real.chw();
            float[] orig = p.chw();
            double errApprox = 0;
            double errCodec = 0;
            for (int i = 0; i < exact.length; i++) {
                errApprox += Math.abs(approx[i] - exact[i]);
                errCodec += Math.abs(orig[i] - exact[i]);
            }
            // the approximation is much closer to what libjpeg produced than the untouched image is
            assertTrue(errApprox < 0.5 * errCodec, "approx " + errApprox / exact.length * 255 + " levels vs codec change "
                    + errCodec / exact.length * 255);
        }
    }
}
