package org.belladonna.nima;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * An independent, deliberately naive NIMA(NASNet-Mobile) forward pass in plain Java, written from the
 * Keras definitions (Keras 2.1.3 {@code keras/applications/nasnet.py}, identical in what it computes to
 * titu1994's {@code utils/nasnet.py}; and keras-applications 1.0.8 for {@link Pools#ZERO_PADDED}), not
 * from the DJL code: one image as NHWC doubles, Keras layers applied literally (ZeroPadding2D,
 * Cropping2D, 1x1 average pools, TF 'same' padding computed as TensorFlow documents it), kernels read in
 * Keras' own layouts, BatchNorm unfolded with epsilon 1e-3.
 *
 * <p>It can also make the synthetic weights it runs: in generating mode every weight is drawn when the
 * layer first asks for it, in the order Keras creates the layers, and BatchNorm's moving statistics are
 * drawn around the statistics of the tensor actually arriving (as training would leave them), so
 * activations stay in a sane range through all 13 cells. Kernels are He-scaled down by 5, so moving
 * variances are small (often ~0.01-0.05) and epsilon (1e-3) matters.
 */
final class KerasNasNetReference {
    enum Pools { TF_SAME, ZERO_PADDED }

    static final String DENSE = "dense_1";
    private static final double EPSILON = 1e-3;
    private static final double KERNEL_GAIN = 0.2;
    /** The calibration image's logits spread by about this much: informative, neither flat nor one-hot. */
    private static final double DENSE_SPREAD = 1.0;

    private final Pools pools;
    private final Map<String, KerasWeights.Tensor> weights = new HashMap<>();
    /** While generating: the layers in creation order; null when replaying given weights. */
    private final Map<String, List<KerasWeights.Tensor>> created;
    private final SplittableRandom random;

    private KerasNasNetReference(Pools pools, Map<String, List<KerasWeights.Tensor>> created, SplittableRandom random) {
        this.pools = pools;
        this.created = created;
        this.random = random;
    }

    /** A reference that draws its weights as the first forward pass needs them. */
    static KerasNasNetReference generating(long seed, Pools pools) {
        return new KerasNasNetReference(pools, new LinkedHashMap<>(), new SplittableRandom(seed));
    }

    /** A reference running the given weights (e.g. those another instance generated). */
    static KerasNasNetReference of(Map<String, List<KerasWeights.Tensor>> layers, Pools pools) {
        KerasNasNetReference r = new KerasNasNetReference(pools, null, null);
        layers.values().forEach(list -> list.forEach(t -> r.weights.put(t.name(), t)));
        return r;
    }

    /** The weights drawn so far, per layer in creation order (after one forward: the whole model). */
    Map<String, List<KerasWeights.Tensor>> layers() {
        return created;
    }

    /** A feature map of one image: v[(y * w + x) * c + channel]. */
    record Map3(int h, int w, int c, double[] v) {
        double get(int y, int x, int ch) {
            return v[(y * w + x) * c + ch];
        }
    }

    // ---------------------------------------------------------------- the model (Keras NASNet, Mobile)

    /** One image, NHWC pixels already in [-1, 1]; returns the 10 probabilities. */
    double[] forward(double[] hwc, int height, int width) {
        int filters = 1056 / 24;
        Map3 x = conv(new Map3(height, width, 3, hwc), "stem_conv1", 32, 3, 2, false);
        x = batchNorm(x, "stem_bn1");
        Map3 p = null;
        Map3[] xp = reductionA(x, p, filters / 4, "stem_1");
        xp = reductionA(xp[0], xp[1], filters / 2, "stem_2");
        for (int i = 0; i < 4; i++) {
            xp = normalA(xp[0], xp[1], filters, Integer.toString(i));
        }
        xp = reductionA(xp[0], xp[1], filters * 2, "reduce_4");
        for (int i = 0; i < 4; i++) {
            xp = normalA(xp[0], xp[1], filters * 2, Integer.toString(4 + i + 1));
        }
        xp = reductionA(xp[0], xp[1], filters * 4, "reduce_8");
        for (int i = 0; i < 4; i++) {
            xp = normalA(xp[0], xp[1], filters * 4, Integer.toString(8 + i + 1));
        }
        double[] pooled = globalAveragePool(relu(xp[0]));
        return dense(pooled);
    }

    private Map3 separableConvBlock(Map3 ip, int filters, int kernel, int stride, String id) {
        Map3 x = relu(ip);
        if (stride == 2 && pools == Pools.ZERO_PADDED) {
            int[][] pad = correctPad(x, kernel);
            x = zeroPad(x, pad[0][0], pad[0][1], pad[1][0], pad[1][1]);
            x = separableConv(x, "separable_conv_1_" + id, filters, kernel, stride, false);
        } else {
            x = separableConv(x, "separable_conv_1_" + id, filters, kernel, stride, true);
        }
        x = batchNorm(x, "separable_conv_1_bn_" + id);
        x = relu(x);
        x = separableConv(x, "separable_conv_2_" + id, filters, kernel, 1, true);
        return batchNorm(x, "separable_conv_2_bn_" + id);
    }

    /** Keras compares the width axis of p and ip ({@code _keras_shape[-2]}), then the channels. */
    private Map3 adjustBlock(Map3 p, Map3 ip, int filters, String id) {
        if (p == null) {
            return ip;
        }
        if (p.w() != ip.w()) {
            p = relu(p);
            Map3 p1 = averagePoolValid(p, 1, 2);
            p1 = conv(p1, "adjust_conv_1_" + id, filters / 2, 1, 1, true);
            Map3 p2 = zeroPad(p, 0, 1, 0, 1);
            p2 = crop(p2, 1, 0, 1, 0);
            p2 = averagePoolValid(p2, 1, 2);
            p2 = conv(p2, "adjust_conv_2_" + id, filters / 2, 1, 1, true);
            return batchNorm(concat(p1, p2), "adjust_bn_" + id);
        }
        if (p.c() != filters) {
            p = relu(p);
            p = conv(p, "adjust_conv_projection_" + id, filters, 1, 1, true);
            return batchNorm(p, "adjust_bn_" + id);
        }
        return p;
    }

    private Map3[] normalA(Map3 ip, Map3 p, int filters, String id) {
        p = adjustBlock(p, ip, filters, id);
        Map3 h = relu(ip);
        h = conv(h, "normal_conv_1_" + id, filters, 1, 1, true);
        h = batchNorm(h, "normal_bn_1_" + id);

        Map3 x1 = add(separableConvBlock(h, filters, 5, 1, "normal_left1_" + id),
                separableConvBlock(p, filters, 3, 1, "normal_right1_" + id));
        Map3 x2 = add(separableConvBlock(p, filters, 5, 1, "normal_left2_" + id),
                separableConvBlock(p, filters, 3, 1, "normal_right2_" + id));
        Map3 x3 = add(averagePoolSame(h, 3, 1), p);
        Map3 x4 = add(averagePoolSame(p, 3, 1), averagePoolSame(p, 3, 1));
        Map3 x5 = add(separableConvBlock(h, filters, 3, 1, "normal_left5_" + id), h);
        return new Map3[] {concat(p, x1, x2, x3, x4, x5), ip};
    }

    private Map3[] reductionA(Map3 ip, Map3 p, int filters, String id) {
        p = adjustBlock(p, ip, filters, id);
        Map3 h = relu(ip);
        h = conv(h, "reduction_conv_1_" + id, filters, 1, 1, true);
        h = batchNorm(h, "reduction_bn_1_" + id);
        Map3 h3 = h;
        if (pools == Pools.ZERO_PADDED) {
            int[][] pad = correctPad(h, 3);
            h3 = zeroPad(h, pad[0][0], pad[0][1], pad[1][0], pad[1][1]);
        }

        Map3 x1 = add(separableConvBlock(h, filters, 5, 2, "reduction_left1_" + id),
                separableConvBlock(p, filters, 7, 2, "reduction_1_" + id));
        Map3 x2 = add(reductionMaxPool(h, h3), separableConvBlock(p, filters, 7, 2, "reduction_right2_" + id));
        Map3 x3 = add(reductionAvgPool(h, h3), separableConvBlock(p, filters, 5, 2, "reduction_right3_" + id));
        Map3 x4 = add(averagePoolSame(x1, 3, 1), x2);
        Map3 x5 = add(separableConvBlock(x1, filters, 3, 1, "reduction_left4_" + id), reductionMaxPool(h, h3));
        return new Map3[] {concat(x2, x3, x4, x5), ip};
    }

    private Map3 reductionMaxPool(Map3 h, Map3 h3) {
        return pools == Pools.TF_SAME ? maxPoolSame(h, 3, 2) : maxPoolValid(h3, 3, 2);
    }

    private Map3 reductionAvgPool(Map3 h, Map3 h3) {
        return pools == Pools.TF_SAME ? averagePoolSame(h, 3, 2) : averagePoolValid(h3, 3, 2);
    }

    private double[] dense(double[] features) {
        int in = features.length;
        float[] kernel = weight(DENSE, "kernel", () -> denseKernel(features), in, Nima.BUCKETS);
        float[] bias = weight(DENSE, "bias", () -> uniform(Nima.BUCKETS, -0.5, 0.5), Nima.BUCKETS);
        double[] logits = new double[Nima.BUCKETS];
        for (int o = 0; o < Nima.BUCKETS; o++) {
            logits[o] = bias[o];
            for (int i = 0; i < in; i++) {
                logits[o] += features[i] * kernel[i * Nima.BUCKETS + o]; // kernel[i][o]
            }
        }
        double max = Double.NEGATIVE_INFINITY;
        for (double l : logits) {
            max = Math.max(max, l);
        }
        double sum = 0;
        double[] p = new double[logits.length];
        for (int o = 0; o < p.length; o++) {
            p[o] = Math.exp(logits[o] - max);
            sum += p[o];
        }
        for (int o = 0; o < p.length; o++) {
            p[o] /= sum;
        }
        return p;
    }

    // ---------------------------------------------------------------- Keras layers, literally

    /** TensorFlow's 'same': out = ceil(in / s), total = max((out - 1) s + k - in, 0), top = total / 2. */
    private static int[] samePadding(int size, int kernel, int stride) {
        int out = (int) Math.ceil(size / (double) stride);
        int total = Math.max((out - 1) * stride + kernel - size, 0);
        return new int[] {total / 2, total - total / 2};
    }

    /** keras_applications.correct_pad: ((k//2 - adjust, k//2), ...) with adjust = 1 - size % 2. */
    private static int[][] correctPad(Map3 x, int kernel) {
        int adjustH = 1 - x.h() % 2;
        int adjustW = 1 - x.w() % 2;
        return new int[][] {{kernel / 2 - adjustH, kernel / 2}, {kernel / 2 - adjustW, kernel / 2}};
    }

    /** Conv2D without bias; kernel HWIO read as stored. */
    private Map3 conv(Map3 in, String layer, int filters, int k, int stride, boolean same) {
        float[] kernel = weight(layer, "kernel", () -> gaussian(k * k * in.c() * filters, heStd(k * k * in.c())),
                k, k, in.c(), filters);
        int[] ph = same ? samePadding(in.h(), k, stride) : new int[2];
        int[] pw = same ? samePadding(in.w(), k, stride) : new int[2];
        int outH = (in.h() + ph[0] + ph[1] - k) / stride + 1;
        int outW = (in.w() + pw[0] + pw[1] - k) / stride + 1;
        double[] out = new double[outH * outW * filters];
        for (int oy = 0; oy < outH; oy++) {
            for (int ox = 0; ox < outW; ox++) {
                int o = (oy * outW + ox) * filters;
                for (int ky = 0; ky < k; ky++) {
                    int iy = oy * stride + ky - ph[0];
                    if (iy < 0 || iy >= in.h()) {
                        continue;
                    }
                    for (int kx = 0; kx < k; kx++) {
                        int ix = ox * stride + kx - pw[0];
                        if (ix < 0 || ix >= in.w()) {
                            continue;
                        }
                        for (int ci = 0; ci < in.c(); ci++) {
                            double v = in.get(iy, ix, ci);
                            int base = ((ky * k + kx) * in.c() + ci) * filters;
                            for (int co = 0; co < filters; co++) {
                                out[o + co] += v * kernel[base + co];
                            }
                        }
                    }
                }
            }
        }
        return new Map3(outH, outW, filters, out);
    }

    /** SeparableConv2D without bias: depthwise (k, k, C, 1) with the stride, then pointwise (1, 1, C, F). */
    private Map3 separableConv(Map3 in, String layer, int filters, int k, int stride, boolean same) {
        int c = in.c();
        float[] depthwise = weight(layer, "depthwise_kernel", () -> gaussian(k * k * c, heStd(k * k)), k, k, c, 1);
        float[] pointwise = weight(layer, "pointwise_kernel", () -> gaussian(c * filters, heStd(c)), 1, 1, c, filters);
        int[] ph = same ? samePadding(in.h(), k, stride) : new int[2];
        int[] pw = same ? samePadding(in.w(), k, stride) : new int[2];
        int outH = (in.h() + ph[0] + ph[1] - k) / stride + 1;
        int outW = (in.w() + pw[0] + pw[1] - k) / stride + 1;
        double[] mid = new double[outH * outW * c];
        for (int oy = 0; oy < outH; oy++) {
            for (int ox = 0; ox < outW; ox++) {
                for (int ky = 0; ky < k; ky++) {
                    int iy = oy * stride + ky - ph[0];
                    if (iy < 0 || iy >= in.h()) {
                        continue;
                    }
                    for (int kx = 0; kx < k; kx++) {
                        int ix = ox * stride + kx - pw[0];
                        if (ix < 0 || ix >= in.w()) {
                            continue;
                        }
                        for (int ch = 0; ch < c; ch++) {
                            mid[(oy * outW + ox) * c + ch] += in.get(iy, ix, ch) * depthwise[(ky * k + kx) * c + ch];
                        }
                    }
                }
            }
        }
        double[] out = new double[outH * outW * filters];
        for (int i = 0; i < outH * outW; i++) {
            for (int ch = 0; ch < c; ch++) {
                double v = mid[i * c + ch];
                for (int f = 0; f < filters; f++) {
                    out[i * filters + f] += v * pointwise[ch * filters + f];
                }
            }
        }
        return new Map3(outH, outW, filters, out);
    }

    private Map3 batchNorm(Map3 x, String layer) {
        int c = x.c();
        double[] mean = new double[c];
        double[] var = new double[c];
        if (created != null && !created.containsKey(layer)) { // statistics of what arrives, for generation
            int n = x.h() * x.w();
            for (int i = 0; i < x.v().length; i++) {
                mean[i % c] += x.v()[i] / n;
            }
            for (int i = 0; i < x.v().length; i++) {
                double d = x.v()[i] - mean[i % c];
                var[i % c] += d * d / n;
            }
        }
        float[] gamma = weight(layer, "gamma", () -> uniform(c, 0.6, 1.4), c);
        float[] beta = weight(layer, "beta", () -> uniform(c, -0.2, 0.2), c);
        float[] movingMean = weight(layer, "moving_mean", () -> around(mean, var), c);
        float[] movingVariance = weight(layer, "moving_variance", () -> scaled(var), c);
        double[] v = x.v().clone();
        for (int i = 0; i < v.length; i++) {
            int ch = i % c;
            v[i] = gamma[ch] * (v[i] - movingMean[ch]) / Math.sqrt(movingVariance[ch] + EPSILON) + beta[ch];
        }
        return new Map3(x.h(), x.w(), c, v);
    }

    private static Map3 relu(Map3 x) {
        double[] v = x.v().clone();
        for (int i = 0; i < v.length; i++) {
            v[i] = Math.max(0, v[i]);
        }
        return new Map3(x.h(), x.w(), x.c(), v);
    }

    private static Map3 add(Map3 a, Map3 b) {
        if (a.h() != b.h() || a.w() != b.w() || a.c() != b.c()) {
            throw new IllegalStateException("add: " + a.h() + "x" + a.w() + "x" + a.c() + " vs " + b.h() + "x" + b.w() + "x" + b.c());
        }
        double[] v = a.v().clone();
        for (int i = 0; i < v.length; i++) {
            v[i] += b.v()[i];
        }
        return new Map3(a.h(), a.w(), a.c(), v);
    }

    /** concatenate(axis=-1). */
    private static Map3 concat(Map3... maps) {
        int c = 0;
        for (Map3 m : maps) {
            c += m.c();
        }
        Map3 first = maps[0];
        double[] v = new double[first.h() * first.w() * c];
        for (int i = 0; i < first.h() * first.w(); i++) {
            int offset = 0;
            for (Map3 m : maps) {
                System.arraycopy(m.v(), i * m.c(), v, i * c + offset, m.c());
                offset += m.c();
            }
        }
        return new Map3(first.h(), first.w(), c, v);
    }

    /** ZeroPadding2D(((top, bottom), (left, right))). */
    private static Map3 zeroPad(Map3 x, int top, int bottom, int left, int right) {
        int h = x.h() + top + bottom;
        int w = x.w() + left + right;
        double[] v = new double[h * w * x.c()];
        for (int y = 0; y < x.h(); y++) {
            System.arraycopy(x.v(), y * x.w() * x.c(), v, ((y + top) * w + left) * x.c(), x.w() * x.c());
        }
        return new Map3(h, w, x.c(), v);
    }

    /** Cropping2D(((top, bottom), (left, right))). */
    private static Map3 crop(Map3 x, int top, int bottom, int left, int right) {
        int h = x.h() - top - bottom;
        int w = x.w() - left - right;
        double[] v = new double[h * w * x.c()];
        for (int y = 0; y < h; y++) {
            System.arraycopy(x.v(), ((y + top) * x.w() + left) * x.c(), v, y * w * x.c(), w * x.c());
        }
        return new Map3(h, w, x.c(), v);
    }

    /** AveragePooling2D / MaxPooling2D with 'same': TF pads, the max ignores the padding, the mean divides by the pixels inside. */
    private static Map3 averagePoolSame(Map3 x, int k, int stride) {
        return poolSame(x, k, stride, false);
    }

    private static Map3 maxPoolSame(Map3 x, int k, int stride) {
        return poolSame(x, k, stride, true);
    }

    private static Map3 poolSame(Map3 x, int k, int stride, boolean max) {
        return pool(x, k, stride, max, samePadding(x.h(), k, stride), samePadding(x.w(), k, stride));
    }

    /** 'valid' pools: every window lies inside (the input may hold zero padding, which then counts). */
    private static Map3 averagePoolValid(Map3 x, int k, int stride) {
        return poolValid(x, k, stride, false);
    }

    private static Map3 maxPoolValid(Map3 x, int k, int stride) {
        return poolValid(x, k, stride, true);
    }

    private static Map3 poolValid(Map3 x, int k, int stride, boolean max) {
        return pool(x, k, stride, max, new int[2], new int[2]);
    }

    /** Pools over windows padded by ph (top, bottom) and pw (left, right); padded places are left out, not counted. */
    private static Map3 pool(Map3 x, int k, int stride, boolean max, int[] ph, int[] pw) {
        int outH = (x.h() + ph[0] + ph[1] - k) / stride + 1;
        int outW = (x.w() + pw[0] + pw[1] - k) / stride + 1;
        double[] v = new double[outH * outW * x.c()];
        for (int oy = 0; oy < outH; oy++) {
            for (int ox = 0; ox < outW; ox++) {
                for (int ch = 0; ch < x.c(); ch++) {
                    double acc = max ? Double.NEGATIVE_INFINITY : 0;
                    int count = 0;
                    for (int ky = 0; ky < k; ky++) {
                        int iy = oy * stride + ky - ph[0];
                        for (int kx = 0; kx < k; kx++) {
                            int ix = ox * stride + kx - pw[0];
                            if (iy < 0 || iy >= x.h() || ix < 0 || ix >= x.w()) {
                                continue;
                            }
                            double value = x.get(iy, ix, ch);
                            acc = max ? Math.max(acc, value) : acc + value;
                            count++;
                        }
                    }
                    v[(oy * outW + ox) * x.c() + ch] = max ? acc : acc / count;
                }
            }
        }
        return new Map3(outH, outW, x.c(), v);
    }

    private static double[] globalAveragePool(Map3 x) {
        double[] pooled = new double[x.c()];
        int n = x.h() * x.w();
        for (int i = 0; i < x.v().length; i++) {
            pooled[i % x.c()] += x.v()[i] / n;
        }
        return pooled;
    }

    // ---------------------------------------------------------------- weights: given, or drawn on first use

    private float[] weight(String layer, String name, java.util.function.Supplier<float[]> draw, int... shape) {
        String full = layer + "/" + name + ":0";
        KerasWeights.Tensor t = weights.get(full);
        if (t == null) {
            if (created == null) {
                throw new IllegalStateException("no weight " + full);
            }
            t = new KerasWeights.Tensor(full, shape, draw.get());
            weights.put(full, t);
            created.computeIfAbsent(layer, l -> new ArrayList<>()).add(t);
        }
        if (!java.util.Arrays.equals(t.shape(), shape)) {
            throw new IllegalStateException(full + " has shape " + java.util.Arrays.toString(t.shape())
                    + ", the model needs " + java.util.Arrays.toString(shape));
        }
        return t.data();
    }

    private static double heStd(int fanIn) {
        return KERNEL_GAIN * Math.sqrt(2.0 / fanIn);
    }

    private float[] gaussian(int n, double std) {
        float[] data = new float[n];
        for (int i = 0; i < n; i++) {
            double u = 1.0 - random.nextDouble();
            data[i] = (float) (std * Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random.nextDouble()));
        }
        return data;
    }

    private float[] uniform(int n, double low, double high) {
        float[] data = new float[n];
        for (int i = 0; i < n; i++) {
            data[i] = (float) (low + (high - low) * random.nextDouble());
        }
        return data;
    }

    /** A moving mean near the real one: off by up to a fifth of the channel's std. */
    private float[] around(double[] mean, double[] var) {
        float[] data = new float[mean.length];
        for (int i = 0; i < data.length; i++) {
            data[i] = (float) (mean[i] + 0.2 * Math.sqrt(var[i]) * (2 * random.nextDouble() - 1));
        }
        return data;
    }

    /** A moving variance within a factor 0.7..1.4 of the real one (never zero). */
    private float[] scaled(double[] var) {
        float[] data = new float[var.length];
        for (int i = 0; i < data.length; i++) {
            data[i] = (float) (Math.max(var[i], 1e-4) * (0.7 + 0.7 * random.nextDouble()));
        }
        return data;
    }

    /** Dense kernel (in, 10) scaled so the calibration image's logits spread by {@link #DENSE_SPREAD}. */
    private float[] denseKernel(double[] features) {
        double rms = 0;
        for (double f : features) {
            rms += f * f / features.length;
        }
        rms = Math.sqrt(rms);
        return gaussian(features.length * Nima.BUCKETS, DENSE_SPREAD / (Math.sqrt(features.length) * Math.max(rms, 1e-6)));
    }
}
