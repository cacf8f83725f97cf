package org.belladonna.protect;

/**
 * Where the optimisation runs. A scraper trains on the image resized so its short side is about 512
 * (the working size), so that is where the perturbation must bite; it is then mapped back and delivered
 * at the artwork's own resolution. Sides are multiples of 8 because the encoder downsamples by 8.
 * Images smaller than the working size are worked on at (nearly) their own size: never upscaled.
 */
public record WorkingGeometry(int fullWidth, int fullHeight, int width, int height) {

    public static WorkingGeometry of(int fullWidth, int fullHeight, int workingShortSide) {
        if (fullWidth < 8 || fullHeight < 8) {
            throw new IllegalArgumentException("image is " + fullWidth + "x" + fullHeight + "; at least 8x8 is needed");
        }
        if (workingShortSide < 8) {
            throw new IllegalArgumentException("working size must be at least 8, got " + workingShortSide);
        }
        double scale = Math.min(1.0, (double) workingShortSide / Math.min(fullWidth, fullHeight));
        return new WorkingGeometry(fullWidth, fullHeight, roundTo8(fullWidth * scale, fullWidth),
                roundTo8(fullHeight * scale, fullHeight));
    }

    private static int roundTo8(double side, int limit) {
        int rounded = (int) Math.round(side / 8.0) * 8;
        return Math.max(8, Math.min(rounded, limit / 8 * 8));
    }

    public boolean isIdentity() {
        return width == fullWidth && height == fullHeight;
    }

    /** Full resolution -> working resolution (area: what a careful scraper's downscale does). */
    float[][] downRows() {
        return Resampling.resize(fullHeight, height);
    }

    float[][] downCols() {
        return Resampling.resize(fullWidth, width);
    }

    /** Working resolution -> full resolution, for the perturbation (bilinear: smooth, never exceeds the budget). */
    float[][] upRows() {
        return Resampling.resize(height, fullHeight);
    }

    float[][] upCols() {
        return Resampling.resize(width, fullWidth);
    }
}
