package org.belladonna.web;

import io.javalin.http.ServiceUnavailableResponse;
import org.belladonna.memory.MemoryBudget;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MemoryAdmissionTest {
    private static final long MIB = 1 << 20;

    /** 100 MiB for work; the process and the machine report plenty, so only reservations count. */
    private final MemoryBudget budget = new MemoryBudget(100 * MIB, 0, () -> 0, () -> 64L << 30);
    private final MemoryAdmission admission = new MemoryAdmission(budget);

    @Test
    void anUploadLargerThanTheWholeBudgetIsRefusedWithA503ThatSaysWhy() {
        ServiceUnavailableResponse e = assertThrows(ServiceUnavailableResponse.class,
                () -> admission.admit("protect", 200 * MIB));
        assertTrue(e.getMessage().contains("protect"), e.getMessage());
        assertTrue(e.getMessage().contains("memory"), e.getMessage());
    }

    @Test
    void aClosedTicketGivesItsShareBack() {
        try (RequestAdmission.Ticket first = admission.admit("import", 80 * MIB)) {
            assertTrue(budget.inUseMib() >= 80);
        }
        try (RequestAdmission.Ticket second = assertDoesNotThrow(() -> admission.admit("import", 80 * MIB))) {
            assertTrue(budget.inUseMib() >= 80);
        }
    }
}
