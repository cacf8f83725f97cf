package org.belladonna.cli;

import org.belladonna.jobs.Lane;
import picocli.CommandLine.Option;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/** {@code --lanes device,io}: which kinds of background work this process runs. */
public final class LanesOption {
    @Option(names = "--lanes", split = ",", paramLabel = "LANE[,LANE]", description = {
            "Background work this process runs: device (protection, NIMA scoring, model's-eye views) and/or io",
            "(imports, exports, model downloads). Work of other lanes waits for a process that runs them."})
    List<String> lanes;

    /** The lanes named, or {@code fallback} when the option is absent. */
    Set<Lane> lanesOr(Set<Lane> fallback) {
        if (lanes == null || lanes.isEmpty()) {
            return fallback;
        }
        Set<Lane> chosen = EnumSet.noneOf(Lane.class);
        for (String name : lanes) {
            try {
                chosen.add(Lane.of(name));
            } catch (IllegalArgumentException e) {
                throw new UserError("--lanes: " + e.getMessage());
            }
        }
        return chosen;
    }
}
