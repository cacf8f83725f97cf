package org.belladonna.nima;

import ai.djl.ndarray.NDArray;

/** A NASNet cell: takes its input {@code ip} and the previous cell's input {@code p}, returns {out, ip}. */
interface NasNetCell {
    NDArray[] forward(NDArray ip, NDArray p);
}
