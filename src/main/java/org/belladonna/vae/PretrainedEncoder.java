package org.belladonna.vae;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;

import java.io.IOException;
import java.nio.file.Path;

/** A TAESD-family encoder with its weights loaded; see {@link Taef2} and {@link Surrogates}. */
final class PretrainedEncoder implements Surrogate {
    private final String id;
    private final int downscale;
    private final int latentChannels;
    private final Network network;

    private PretrainedEncoder(String id, int downscale, int latentChannels, Network network) {
        this.id = id;
        this.downscale = downscale;
        this.latentChannels = latentChannels;
        this.network = network;
    }

    static PretrainedEncoder load(String id, Sequential definition, int downscale, int latentChannels, Path weights)
            throws IOException {
        return new PretrainedEncoder(id, downscale, latentChannels, Network.load(definition, weights));
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public int downscale() {
        return downscale;
    }

    @Override
    public int latentChannels() {
        return latentChannels;
    }

    @Override
    public NDArray encode(NDArray rgb) {
        Shape s = rgb.getShape();
        if (s.dimension() != 4 || s.get(1) != 3 || rgb.getDataType() != DataType.FLOAT32) {
            throw new IllegalArgumentException(id + " needs N x 3 x H x W float32 RGB, got " + s + " " + rgb.getDataType());
        }
        return network.forward(EdgePadding.toMultiple(rgb, downscale));
    }

    @Override
    public void close() {
        network.close();
    }
}
