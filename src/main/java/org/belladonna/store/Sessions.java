package org.belladonna.store;

import org.belladonna.store.Accounts.Account;
import org.jdbi.v3.core.Handle;

import java.util.Optional;

/** Table {@code session}: signed-in browsers, by the SHA-256 of their cookie; times in epoch milliseconds. */
public final class Sessions {
    private Sessions() {
    }

    /** A session row with its account. */
    public record Session(String idDigest, Account account, String csrf, long seenAt, long expiresAt) {
    }

    public static void insert(Handle h, String idDigest, long accountId, String csrf, long now, long expiresAt) {
        h.createUpdate("""
                        INSERT INTO session (id_digest, account_id, csrf, created_at, seen_at, expires_at)
                        VALUES (?, ?, ?, ?, ?, ?)""")
                .bind(0, idDigest).bind(1, accountId).bind(2, csrf).bind(3, now).bind(4, now).bind(5, expiresAt).execute();
    }

    public static Optional<Session> find(Handle h, String idDigest) {
        return h.createQuery("""
                        SELECT s.id_digest, s.csrf, s.seen_at, s.expires_at,
                               a.id, a.name, a.role, a.password_hash, a.created_at
                        FROM session s JOIN account a ON a.id = s.account_id WHERE s.id_digest = ?""")
                .bind(0, idDigest)
                .map((rs, ctx) -> new Session(rs.getString("id_digest"), Accounts.row(rs), rs.getString("csrf"),
                        rs.getLong("seen_at"), rs.getLong("expires_at")))
                .findOne();
    }

    public static void touch(Handle h, String idDigest, long now) {
        h.createUpdate("UPDATE session SET seen_at = ? WHERE id_digest = ?").bind(0, now).bind(1, idDigest).execute();
    }

    public static void delete(Handle h, String idDigest) {
        h.createUpdate("DELETE FROM session WHERE id_digest = ?").bind(0, idDigest).execute();
    }

    public static int deleteForAccount(Handle h, long accountId) {
        return h.createUpdate("DELETE FROM session WHERE account_id = ?").bind(0, accountId).execute();
    }

    /** Drops sessions past their absolute expiry or idle since {@code idleBefore}. */
    public static int deleteExpired(Handle h, long now, long idleBefore) {
        return h.createUpdate("DELETE FROM session WHERE expires_at <= ? OR seen_at <= ?").bind(0, now).bind(1, idleBefore)
                .execute();
    }
}
