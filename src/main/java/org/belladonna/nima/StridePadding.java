package org.belladonna.nima;

/**
 * Where MobileNet's stride-2 layers pad, which differs between the Keras versions idealo's model has run
 * under. Both give 112x112 from 224x224; they sample a grid shifted by one pixel, so the scores differ.
 */
public enum StridePadding {
    /**
     * One row/column at the bottom/right only: TF's 'same' on even sizes. keras-applications >= 1.0.2 (Keras
     * 2.2+, tf.keras) write it as {@code ZeroPadding2D(((0, 1), (0, 1)))} + 'valid'; this is how idealo's code
     * at the pinned TF 2.0 commit runs the model.
     */
    TF_SAME,
    /**
     * One row/column on every side: {@code ZeroPadding2D((1, 1))} + 'valid' in Keras 2.1.5-2.1.6, the version
     * idealo's first requirements pinned (Keras==2.1.6) when the weights were trained and the README figure drawn.
     */
    KERAS_2_1_6
}
