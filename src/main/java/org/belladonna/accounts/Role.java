package org.belladonna.accounts;

import java.util.Locale;

/** What an account may do in the studio. An admin may do everything. */
public enum Role {
    /** Protects artwork and makes target concepts. */
    ARTIST,
    /** Imports experiments and scores, reads statistics. */
    REVIEWER,
    /** Models, the kiosk, accounts, and everything the others do. */
    ADMIN;

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Role parse(String text) {
        for (Role r : values()) {
            if (r.id().equals(text == null ? "" : text.strip().toLowerCase(Locale.ROOT))) {
                return r;
            }
        }
        throw new IllegalArgumentException("the role must be artist, reviewer or admin, not '" + text + "'");
    }

    /** True when an account with this role may use what {@code needed} may. */
    public boolean covers(Role needed) {
        return this == ADMIN || this == needed;
    }
}
