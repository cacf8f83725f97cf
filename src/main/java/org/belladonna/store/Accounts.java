package org.belladonna.store;

import org.jdbi.v3.core.Handle;

import java.util.List;
import java.util.Optional;

/** Table {@code account}: the people who may sign in, with their role and Argon2id password hash. */
public final class Accounts {
    private Accounts() {
    }

    /** One account; {@code passwordHash} never leaves the accounts service. */
    public record Account(long id, String name, String role, String passwordHash, String createdAt) {
    }

    public static long insert(Handle h, String name, String role, String passwordHash) {
        return h.createUpdate("INSERT INTO account (name, role, password_hash) VALUES (?, ?, ?)")
                .bind(0, name).bind(1, role).bind(2, passwordHash)
                .executeAndReturnGeneratedKeys("id").mapTo(Long.class).one();
    }

    /** Names match ignoring ASCII case, as they are unique (SQLite: COLLATE NOCASE; PostgreSQL: an index on lower(name)). */
    public static Optional<Account> findByName(Handle h, String name) {
        return h.createQuery("SELECT id, name, role, password_hash, created_at FROM account WHERE lower(name) = lower(?)")
                .bind(0, name).map((rs, ctx) -> row(rs)).findOne();
    }

    public static List<Account> all(Handle h) {
        return h.createQuery("SELECT id, name, role, password_hash, created_at FROM account ORDER BY lower(name), name")
                .map((rs, ctx) -> row(rs)).list();
    }

    public static int count(Handle h) {
        return h.createQuery("SELECT count(*) FROM account").mapTo(Integer.class).one();
    }

    public static int countWithRole(Handle h, String role) {
        return h.createQuery("SELECT count(*) FROM account WHERE role = ?").bind(0, role).mapTo(Integer.class).one();
    }

    public static void setPasswordHash(Handle h, long id, String passwordHash) {
        h.createUpdate("UPDATE account SET password_hash = ? WHERE id = ?").bind(0, passwordHash).bind(1, id).execute();
    }

    /** Deletes the account; its sessions and tokens go with it (ON DELETE CASCADE). */
    public static boolean delete(Handle h, long id) {
        return h.createUpdate("DELETE FROM account WHERE id = ?").bind(0, id).execute() > 0;
    }

    static Account row(java.sql.ResultSet rs) throws java.sql.SQLException {
        return new Account(rs.getLong("id"), rs.getString("name"), rs.getString("role"), rs.getString("password_hash"),
                rs.getString("created_at"));
    }
}
