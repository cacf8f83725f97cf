package org.belladonna.store;

import org.belladonna.store.Accounts.Account;
import org.jdbi.v3.core.Handle;

import java.util.List;
import java.util.Optional;

/** Table {@code api_token}: tokens for programs, by the SHA-256 of the token. */
public final class ApiTokens {
    private ApiTokens() {
    }

    /** A token as an admin's list shows it: never the token itself. */
    public record Listed(String prefix, String account, String createdAt, String lastUsedAt) {
    }

    public static void insert(Handle h, String digest, String prefix, long accountId) {
        h.createUpdate("INSERT INTO api_token (digest, prefix, account_id) VALUES (?, ?, ?)")
                .bind(0, digest).bind(1, prefix).bind(2, accountId).execute();
    }

    /** The account a token belongs to; notes when it was last used. */
    public static Optional<Account> use(Handle h, String digest) {
        Optional<Account> account = h.createQuery("""
                        SELECT a.id, a.name, a.role, a.password_hash, a.created_at
                        FROM api_token t JOIN account a ON a.id = t.account_id WHERE t.digest = ?""")
                .bind(0, digest).map((rs, ctx) -> Accounts.row(rs)).findOne();
        account.ifPresent(a -> h.createUpdate(
                "UPDATE api_token SET last_used_at = ? WHERE digest = ?")
                .bind(0, Timestamps.seconds()).bind(1, digest).execute());
        return account;
    }

    public static List<Listed> forAccount(Handle h, long accountId) {
        return h.createQuery("""
                        SELECT t.prefix, a.name, t.created_at, t.last_used_at FROM api_token t JOIN account a ON a.id = t.account_id
                        WHERE t.account_id = ? ORDER BY t.created_at""")
                .bind(0, accountId)
                .map((rs, ctx) -> new Listed(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4))).list();
    }

    public static int deleteForAccount(Handle h, long accountId) {
        return h.createUpdate("DELETE FROM api_token WHERE account_id = ?").bind(0, accountId).execute();
    }
}
