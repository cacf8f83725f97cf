package org.belladonna.web;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Time left reads as a person would say it. */
class JobViewsTest {
    @Test
    void durationsAreRoundedToWhatMatters() {
        assertEquals("1 s", JobViews.duration(0.2));
        assertEquals("42 s", JobViews.duration(42.4));
        assertEquals("3 min 10 s", JobViews.duration(187));
        assertEquals("3 min", JobViews.duration(179));
        assertEquals("1 h 5 min", JobViews.duration(3900));
    }
}
