package org.belladonna.nima;

/**
 * How NASNet's stride-2 pools in the reduction cells treat the border. The two Keras definitions of
 * NASNet-Mobile agree everywhere else (their stride-2 convolutions pad the same amounts with zeros).
 */
public enum NasNetPadding {
    /**
     * {@code MaxPooling2D} / {@code AveragePooling2D} with {@code padding='same'}: TensorFlow pads
     * bottom/right first (one extra pixel there on even sizes), max ignores the padding and the average
     * divides by the pixels actually inside. This is Keras 2.1.3-2.1.6 {@code keras.applications.nasnet}
     * (tfriedel trained the NIMA weights with Keras 2.1.3) and titu1994's {@code utils/nasnet.py}, which
     * {@code evaluate_nasnet.py} runs.
     */
    TF_SAME,
    /**
     * {@code ZeroPadding2D(correct_pad(...))} then 'valid' pools: the zeros count in both max and average.
     * keras-applications 1.0.6+ (Keras 2.2.3+) and {@code tf.keras.applications.NASNetMobile} build it so.
     */
    ZERO_PADDED
}
