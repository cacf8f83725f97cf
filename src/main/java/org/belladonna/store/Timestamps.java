package org.belladonna.store;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * The current time as the text columns keep it, bound from Java so one SQL text runs on both databases
 * (SQLite's strftime and PostgreSQL's to_char differ). The formats are those the SQLite schema always
 * wrote: {@code 2026-12-01T17:45:00Z} for created_at-style columns, with milliseconds for job times.
 */
final class Timestamps {
    private static final DateTimeFormatter SECONDS = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss'Z'").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter MILLIS = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    private Timestamps() {
    }

    static String seconds() {
        return SECONDS.format(Instant.now());
    }

    static String millis() {
        return MILLIS.format(Instant.now());
    }
}
