package org.belladonna.protect;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

import java.awt.image.BufferedImage;
import org.belladonna.vae.Surrogate;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns a concept's anchor images into one target latent per artwork.
 * <p>
 * Framing: each anchor is scaled to cover the artwork's working size and centre-cropped to it (what a
 * scraper's resize + centre crop does), so its latent has the artwork's grid and aspect, whatever the
 * anchor's own size.
 * <p>
 * Several anchors: the target is the one anchor whose latents are nearest the artwork's own, summed over the
 * families optimised against (each family's distances divided by their mean over the anchors, so no
 * family's scale dominates the choice). Nightshade uses a single anchor image; picking the nearest of
 * several keeps that property (the target is the latent of a real work of the concept, which the model has
 * learnt to associate with it) while making the move as short as possible for the budget. One anchor for
 * every family, so each family's view of the target shows the same painting. The mean of several latents
 * is not the latent of any image: averaging unaligned compositions cancels their structure and leaves a
 * blur, a weaker style signal. Per-tile mixing of anchors would stitch unrelated compositions together.
 */
final class TargetBuilder {

    /** The chosen anchor: its index, its framed image and its latent by surrogate name (every family). */
    record Target(int anchorIndex, BufferedImage framed, Map<String, NDArray> latents) {
        NDArray latent(Surrogate s) {
            return latents.get(s.name());
        }
    }

    private TargetBuilder() {
    }

    /**
     * @param original the artwork's latent by surrogate name, for at least every optimised family
     */
    static Target choose(List<BufferedImage> anchors, int width, int height, Ensemble ensemble,
                         Map<String, NDArray> original, NDManager nd) {
        if (anchors.isEmpty()) {
            throw new IllegalArgumentException("the target concept has no anchor images");
        }
        List<Planes> framed = anchors.stream().map(a -> frame(a, width, height)).toList();
        double[] score = new double[anchors.size()];
        for (Surrogate s : ensemble.optimised()) {
            double[] d = new double[anchors.size()];
            for (int i = 0; i < anchors.size(); i++) {
                try (NDArray latent = s.encode(toTensor(framed.get(i), nd))) {
                    d[i] = Distances.rms(latent, original.get(s.name()));
                }
            }
            double mean = Arrays.stream(d).average().orElse(1);
            for (int i = 0; i < d.length; i++) {
                score[i] += mean > 0 ? d[i] / mean : d[i];
            }
        }
        int best = 0;
        for (int i = 1; i < score.length; i++) {
            if (score[i] < score[best]) {
                best = i;
            }
        }
        Map<String, NDArray> latents = new LinkedHashMap<>();
        for (Surrogate s : ensemble.all()) {
            latents.put(s.name(), s.encode(toTensor(framed.get(best), nd)));
        }
        return new Target(best, framed.get(best).toImage(), latents);
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
