package org.belladonna.web;

import io.javalin.http.ServiceUnavailableResponse;
import org.belladonna.memory.MemoryBudget;

import java.time.Duration;

/**
 * Uploads share the memory budget of jobs: a request that would hold more than is left waits a few seconds
 * for running work to give memory back, then gets a 503 that says why, instead of pushing the server into
 * the kernel's OOM killer.
 */
final class MemoryAdmission implements RequestAdmission {
    /** Long enough for a finishing step to release memory, short enough that a browser is still waiting. */
    static final Duration WAIT = Duration.ofSeconds(10);

    private final MemoryBudget budget;

    MemoryAdmission(MemoryBudget budget) {
        this.budget = budget;
    }

    @Override
    public Ticket admit(String what, long bytesInMemory) {
        try {
            MemoryBudget.Reservation reservation = budget.reserve("This upload (" + what + ")", bytesInMemory, WAIT);
            return reservation::close;
        } catch (MemoryBudget.Refused e) {
            throw new ServiceUnavailableResponse(e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ServiceUnavailableResponse("The server is stopping.");
        }
    }
}
