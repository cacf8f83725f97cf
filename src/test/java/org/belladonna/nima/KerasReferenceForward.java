package org.belladonna.nima;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * An independent, deliberately naive NIMA forward pass in plain Java, written from Keras' layer
 * definitions (not from the DJL code): NHWC doubles, Keras kernel layouts read as stored, BatchNorm
 * applied unfolded, {@code ZeroPadding2D(((0, 1), (0, 1)))} + 'valid' for stride 2, 'same' for stride 1.
 * The padding rule and epsilon can be changed, so a test can show that getting them wrong is visible.
 */
final class KerasReferenceForward {
    enum Stride2Padding { BOTTOM_RIGHT, SYMMETRIC }

    private static final int[] STRIDES = {1, 2, 1, 2, 1, 2, 1, 1, 1, 1, 1, 2, 1};

    private final Map<String, KerasWeights.Tensor> weights = new HashMap<>();
    private final String dense;
    private final double epsilon;
    private final Stride2Padding stride2Padding;

    KerasReferenceForward(Map<String, List<KerasWeights.Tensor>> layers, String dense,
                          double epsilon, Stride2Padding stride2Padding) {
        layers.values().forEach(list -> list.forEach(t -> weights.put(t.name(), t)));
        this.dense = dense;
        this.epsilon = epsilon;
        this.stride2Padding = stride2Padding;
    }

    /** A feature map: x[h][w][c]. */
    private record Map3(int h, int w, int c, double[] v) {
        double get(int y, int x, int ch) {
            return v[(y * w + x) * c + ch];
        }
    }

    /** One image as NHWC pixels already in [-1, 1]; returns the 10 probabilities. */
    double[] forward(double[] hwc, int height, int width) {
        Map3 x = new Map3(height, width, 3, hwc);
        x = relu6(batchNorm(conv(x, "conv1/kernel:0", 2, false), "conv1_bn"));
        for (int id = 1; id <= 13; id++) {
            x = relu6(batchNorm(conv(x, "conv_dw_" + id + "/depthwise_kernel:0", STRIDES[id - 1], true),
                    "conv_dw_" + id + "_bn"));
            x = relu6(batchNorm(conv(x, "conv_pw_" + id + "/kernel:0", 1, false), "conv_pw_" + id + "_bn"));
        }
        double[] pooled = new double[x.c()];
        for (int y = 0; y < x.h(); y++) {
            for (int xx = 0; xx < x.w(); xx++) {
                for (int c = 0; c < x.c(); c++) {
                    pooled[c] += x.get(y, xx, c) / (x.h() * x.w());
                }
            }
        }
        KerasWeights.Tensor kernel = weights.get(dense + "/kernel:0");
        KerasWeights.Tensor bias = weights.get(dense + "/bias:0");
        int out = kernel.shape()[1];
        double[] logits = new double[out];
        for (int o = 0; o < out; o++) {
            logits[o] = bias.data()[o];
            for (int i = 0; i < pooled.length; i++) {
                logits[o] += pooled[i] * kernel.data()[i * out + o]; // kernel[i][o]
            }
        }
        double max = Double.NEGATIVE_INFINITY;
        for (double l : logits) {
            max = Math.max(max, l);
        }
        double sum = 0;
        double[] p = new double[out];
        for (int o = 0; o < out; o++) {
            p[o] = Math.exp(logits[o] - max);
            sum += p[o];
        }
        for (int o = 0; o < out; o++) {
            p[o] /= sum;
        }
        return p;
    }

    /**
     * Conv with a Keras kernel: HWIO for a full conv, (kh, kw, C, 1) for a depthwise one.
     * Stride 1: 'same' (pad k/2 each side). Stride 2: pad per {@link #stride2Padding}, then 'valid'.
     */
    private Map3 conv(Map3 in, String name, int stride, boolean depthwise) {
        KerasWeights.Tensor t = weights.get(name);
        int kh = t.shape()[0];
        int kw = t.shape()[1];
        int cin = t.shape()[2];
        int cout = depthwise ? cin : t.shape()[3];
        int top;
        int left;
        int paddedH;
        int paddedW;
        if (stride == 1) {
            top = kh / 2;
            left = kw / 2;
            paddedH = in.h() + 2 * top;
            paddedW = in.w() + 2 * left;
        } else if (stride2Padding == Stride2Padding.BOTTOM_RIGHT) {
            top = 0;
            left = 0;
            paddedH = in.h() + 1;
            paddedW = in.w() + 1;
        } else {
            top = 1;
            left = 1;
            paddedH = in.h() + 2;
            paddedW = in.w() + 2;
        }
        int outH = (paddedH - kh) / stride + 1;
        int outW = (paddedW - kw) / stride + 1;
        double[] out = new double[outH * outW * cout];
        float[] k = t.data();
        for (int oy = 0; oy < outH; oy++) {
            for (int ox = 0; ox < outW; ox++) {
                for (int ky = 0; ky < kh; ky++) {
                    int iy = oy * stride + ky - top;
                    if (iy < 0 || iy >= in.h()) {
                        continue;
                    }
                    for (int kx = 0; kx < kw; kx++) {
                        int ix = ox * stride + kx - left;
                        if (ix < 0 || ix >= in.w()) {
                            continue;
                        }
                        for (int ci = 0; ci < cin; ci++) {
                            double v = in.get(iy, ix, ci);
                            if (depthwise) {
                                out[(oy * outW + ox) * cout + ci] += v * k[((ky * kw + kx) * cin + ci)];
                            } else {
                                int base = ((ky * kw + kx) * cin + ci) * cout;
                                for (int co = 0; co < cout; co++) {
                                    out[(oy * outW + ox) * cout + co] += v * k[base + co];
                                }
                            }
                        }
                    }
                }
            }
        }
        return new Map3(outH, outW, cout, out);
    }

    private Map3 batchNorm(Map3 x, String layer) {
        float[] gamma = weights.get(layer + "/gamma:0").data();
        float[] beta = weights.get(layer + "/beta:0").data();
        float[] mean = weights.get(layer + "/moving_mean:0").data();
        float[] variance = weights.get(layer + "/moving_variance:0").data();
        double[] v = x.v().clone();
        for (int i = 0; i < v.length; i++) {
            int c = i % x.c();
            v[i] = gamma[c] * (v[i] - mean[c]) / Math.sqrt(variance[c] + epsilon) + beta[c];
        }
        return new Map3(x.h(), x.w(), x.c(), v);
    }

    private static Map3 relu6(Map3 x) {
        double[] v = x.v().clone();
        for (int i = 0; i < v.length; i++) {
            v[i] = Math.min(6, Math.max(0, v[i]));
        }
        return new Map3(x.h(), x.w(), x.c(), v);
    }
}
