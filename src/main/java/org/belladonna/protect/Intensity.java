package org.belladonna.protect;

/**
 * How much each pixel channel may change (L-inf budget, 8-bit levels).
 * <ul>
 * <li>LOW 6/255: under the Nightshade paper's lowest tested budget; for delicate flat artwork.</li>
 * <li>DEFAULT 10/255: the budget of our Nightshade baseline (its paper uses 0.04-0.05, i.e. 10-13/255),
 *     so our recipe and the baseline compete at equal visibility budget.</li>
 * <li>HIGH 16/255: Mist's default (Liang et al. 2023, eps 16/255).</li>
 * </ul>
 */
public enum Intensity {
    LOW(6), DEFAULT(10), HIGH(16);

    private final int levels;

    Intensity(int levels) {
        this.levels = levels;
    }

    public Budget budget() {
        return new Budget(levels);
    }
}
