package org.belladonna.vae;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * Group normalisation (Wu and He, 2018) as {@code torch.nn.GroupNorm}: statistics over each group of
 * channels and all positions, biased variance, eps 1e-5, then a per-channel affine. DJL has none.
 */
final class GroupNorm extends AbstractBlock {
    private static final float EPS = 1e-5f;

    private final int groups;
    private final int channels;
    private final Parameter weight;
    private final Parameter bias;

    GroupNorm(int groups, int channels) {
        this.groups = groups;
        this.channels = channels;
        weight = addParameter(Parameter.builder().setName("weight").setType(Parameter.Type.GAMMA)
                .optShape(new Shape(channels)).optRequiresGrad(false).build());
        bias = addParameter(Parameter.builder().setName("bias").setType(Parameter.Type.BETA)
                .optShape(new Shape(channels)).optRequiresGrad(false).build());
    }

    @Override
    protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray x = inputs.singletonOrThrow();
        Shape shape = x.getShape();
        try (NDManager temporaries = x.getManager().newSubManager()) {
            // Results belong to their first operand's manager: once the reshaped view of x and the
            // reshaped parameters live in the sub-manager, so does every intermediate, and all of
            // them are freed with it. Only the result moves out, to x's manager.
            NDArray grouped = x.reshape(shape.get(0), groups, -1);
            grouped.attach(temporaries);
            NDArray centred = grouped.sub(grouped.mean(new int[] {2}, true));
            NDArray variance = centred.square().mean(new int[] {2}, true);
            NDArray normalised = centred.div(variance.add(EPS).sqrt()).reshape(shape);
            NDArray gamma = store.getValue(weight, x.getDevice(), training).reshape(1, channels, 1, 1);
            NDArray beta = store.getValue(bias, x.getDevice(), training).reshape(1, channels, 1, 1);
            gamma.attach(temporaries);
            beta.attach(temporaries);
            NDArray result = normalised.mul(gamma).add(beta);
            result.attach(x.getManager());
            return new NDList(result);
        }
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return inputShapes;
    }
}
