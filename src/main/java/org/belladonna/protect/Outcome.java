package org.belladonna.protect;

import java.util.List;

/** How a protection run ended. */
public sealed interface Outcome {

    /** Every artwork of the batch protected, in input order. */
    record Done(List<ProtectionResult> results) implements Outcome {
    }

    /** The cancel flag was seen before step {@code stepsDone + 1}; nothing was delivered. */
    record Cancelled(int stepsDone, int totalSteps) implements Outcome {
    }
}
