package org.belladonna.protect;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

import java.awt.image.BufferedImage;
import java.util.List;

/**
 * Turns a concept's anchor images into one target latent per artwork.
 * <p>
 * Framing: each anchor is scaled to cover the artwork's working size and centre-cropped to it (what a
 * scraper's resize + centre crop does), so its latent has the artwork's grid and aspect, whatever the
 * anchor's own size.
 * <p>
 * Several anchors: the target is the anchor whose latent is nearest the artwork's own (L2). Nightshade
 * uses a single anchor image; picking the nearest of several keeps that property (the target is the
 * latent of a real work of the concept, which the model has learnt to associate with it) while making
 * the move as short as possible for the budget. The mean of several latents is not the latent of any
 * image: averaging unaligned compositions cancels their structure and leaves a blur, a weaker style
 * signal. Per-tile mixing of anchors would stitch unrelated compositions together with seams.
 */
final class TargetBuilder {

    /** The chosen anchor for one artwork: its index, its framed image and its latent. */
    record Target(int anchorIndex, BufferedImage framed, NDArray latent) {
    }

    private TargetBuilder() {
    }

    static Target nearest(List<BufferedImage> anchors, int width, int height, LatentEncoder encoder,
                          NDArray originalLatent, NDManager nd) {
        if (anchors.isEmpty()) {
            throw new IllegalArgumentException("the target concept has no anchor images");
        }
        Target best = null;
        double bestDistance = Double.POSITIVE_INFINITY;
        for (int i = 0; i < anchors.size(); i++) {
            Planes framed = frame(anchors.get(i), width, height);
            NDArray latent = encoder.encode(toTensor(framed, nd));
            double d = Distances.rms(latent, originalLatent);
            if (d < bestDistance) {
                if (best != null) {
                    best.latent().close();
                }
                bestDistance = d;
                best = new Target(i, framed.toImage(), latent);
            } else {
                latent.close();
            }
        }
        return best;
    }

    /** Scale to cover width x height, centre-crop, resample (area down, bilinear up). */
    static Planes frame(BufferedImage anchor, int width, int height) {
        int aw = anchor.getWidth();
        int ah = anchor.getHeight();
        double scale = Math.max((double) width / aw, (double) height / ah);
        int cropW = Math.min(aw, (int) Math.round(width / scale));
        int cropH = Math.min(ah, (int) Math.round(height / scale));
        BufferedImage crop = anchor.getSubimage((aw - cropW) / 2, (ah - cropH) / 2, cropW, cropH);
        return Planes.of(crop).resample(Resampling.resize(cropH, height), Resampling.resize(cropW, width));
    }

    static NDArray toTensor(Planes p, NDManager nd) {
        return nd.create(p.chw(), new Shape(1, 3, p.height(), p.width()));
    }
}
