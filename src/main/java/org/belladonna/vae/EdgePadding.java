package org.belladonna.vae;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.index.NDIndex;

/**
 * Pads images at the bottom and right by repeating the last row and column until the sides are
 * multiples of the model's downscale factor, and crops results back. Replicate rather than zero
 * padding: black borders would be a strong edge the encoder reads as content; replicate rather than
 * reflect: reflection duplicates structure and needs the pad to be smaller than the image.
 * Differentiable: the gradient of a padded pixel flows back into the edge pixel it copies.
 */
public final class EdgePadding {
    private EdgePadding() {
    }

    /** {@code nchw} itself when no side needs padding, else a new array in its manager. */
    public static NDArray toMultiple(NDArray nchw, int multiple) {
        NDArray rows = padAxis(nchw, 2, multiple);
        NDArray both = padAxis(rows, 3, multiple);
        if (rows != nchw && rows != both) {
            rows.close();
        }
        return both;
    }

    /** Crops an N x C x H' x W' array (H' >= height, W' >= width) to its top-left height x width. */
    public static NDArray crop(NDArray nchw, long height, long width) {
        if (nchw.getShape().get(2) == height && nchw.getShape().get(3) == width) {
            return nchw;
        }
        return nchw.get(new NDIndex(":, :, :{}, :{}", height, width));
    }

    static long roundUp(long side, int multiple) {
        return (side + multiple - 1) / multiple * multiple;
    }

    private static NDArray padAxis(NDArray x, int axis, int multiple) {
        long side = x.getShape().get(axis);
        long missing = roundUp(side, multiple) - side;
        if (missing == 0) {
            return x;
        }
        NDArray edge = axis == 2 ? x.get(new NDIndex(":, :, -1:, :")) : x.get(new NDIndex(":, :, :, -1:"));
        NDArray repeated = edge.repeat(axis, missing);
        edge.close();
        NDArray padded = x.concat(repeated, axis);
        repeated.close();
        return padded;
    }
}
