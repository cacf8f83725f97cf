package org.belladonna.vae;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import org.belladonna.models.ModelRegistry;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * An image encoder the protection engine attacks, with its weights loaded: RGB in [0, 1] to
 * latents. {@link #encode} is differentiable, so within a {@code GradientCollector} gradients reach
 * the input pixels (the weights are frozen).
 */
public final class Surrogate implements AutoCloseable {
    private final String name;
    private final Family family;
    private final int downscale;
    private final int latentChannels;
    private final ai.djl.nn.Block definition;
    private final Network network;

    private Surrogate(String name, Family family, int downscale, int latentChannels, ai.djl.nn.Block definition,
                      Network network) {
        this.name = name;
        this.family = family;
        this.downscale = downscale;
        this.latentChannels = latentChannels;
        this.definition = definition;
        this.network = network;
    }

    /**
     * The family's encoder with the weights in {@code weights} (a torch.save state dict in upstream's
     * key names), on the compute device.
     *
     * @throws org.belladonna.models.weights.WeightsException naming missing, unexpected or misshapen keys
     */
    public static Surrogate load(Family family, Path weights) throws IOException {
        Sequential definition = family.newEncoder();
        return new Surrogate(family.id(), family, family.downscale(), family.latentChannels(), definition,
                Network.load(definition, weights));
    }

    /** @throws org.belladonna.models.ModelMissingException naming the install command */
    public static Surrogate load(Family family, ModelRegistry registry) throws IOException {
        return load(family, registry.path(family.encoderId()));
    }

    /**
     * Any differentiable DJL block as a surrogate, e.g. a tiny random network for tests. Its parameters
     * must already be initialised in {@code parameters}, which the surrogate then owns and closes.
     * {@link #forwardFlops} counts only this package's convolutions, so it is 0 for such blocks.
     *
     * @param downscale      input sides are edge-padded to multiples of this
     * @param latentChannels what the block outputs, for callers that size targets
     */
    public static Surrogate of(String name, ai.djl.nn.Block block, NDManager parameters, int downscale,
                               int latentChannels) {
        if (downscale < 1 || latentChannels < 1) {
            throw new IllegalArgumentException("downscale and latent channels must be positive, got "
                    + downscale + " and " + latentChannels);
        }
        return new Surrogate(name, null, downscale, latentChannels, block, Network.of(block, parameters));
    }

    /** The family id, or the name given to {@link #of}. */
    public String name() {
        return name;
    }

    /** Empty for a block wrapped by {@link #of}. */
    public Optional<Family> family() {
        return Optional.ofNullable(family);
    }

    /** Spatial reduction factor (8, or 32 for TAESana). */
    public int downscale() {
        return downscale;
    }

    public int latentChannels() {
        return latentChannels;
    }

    /**
     * @param rgb N x 3 x H x W float32 in [0, 1], any H and W; sides that are not multiples of
     *            {@link #downscale()} are edge-padded (see {@link EdgePadding})
     * @return N x C x ceil(H / s) x ceil(W / s), in {@code rgb}'s manager. Intermediates are freed as
     *         the pass goes (autograd keeps what backward needs); still, in a loop run each step in a
     *         sub-manager or NDScope so the results are freed per step
     */
    public NDArray encode(NDArray rgb) {
        Shape s = rgb.getShape();
        if (s.dimension() != 4 || s.get(1) != 3 || rgb.getDataType() != DataType.FLOAT32) {
            throw new IllegalArgumentException(name + " needs N x 3 x H x W float32 RGB, got " + s + " "
                    + rgb.getDataType());
        }
        NDArray padded = EdgePadding.toMultiple(rgb, downscale);
        NDArray latent = network.forward(padded);
        if (padded != rgb) {
            padded.close();   // ours, not the caller's; autograd keeps its own reference
        }
        return latent;
    }

    /** Floating-point operations of one forward pass on one H x W image (convolutions only). */
    public long forwardFlops(int height, int width) {
        return ConvFlops.count(definition, new Shape(1, 3, EdgePadding.roundUp(height, downscale),
                EdgePadding.roundUp(width, downscale)));
    }

    /** Frees the weights. */
    @Override
    public void close() {
        network.close();
    }
}
