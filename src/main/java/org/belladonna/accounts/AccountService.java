package org.belladonna.accounts;

import org.belladonna.store.Accounts;
import org.belladonna.store.Accounts.Account;
import org.belladonna.store.ApiTokens;
import org.belladonna.store.Sessions;
import org.belladonna.store.Store;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Accounts, sessions and API tokens. Sessions live in our own table, not in Jetty's memory: they survive a
 * restart (the server restarts for model installs), can be revoked, and go when their account goes. The
 * browser holds a random session id; the table holds its SHA-256. Sessions end after {@link #IDLE} without
 * a request or {@link #LIFETIME} after sign-in, whichever comes first.
 */
public final class AccountService {
    public static final Duration IDLE = Duration.ofHours(12);
    public static final Duration LIFETIME = Duration.ofDays(7);
    /** seen_at is written at most this often, so reading a page is not a database write each time. */
    private static final Duration TOUCH_EVERY = Duration.ofMinutes(5);
    /** API tokens start with this, so a leaked one can be recognised (and scanned for) as ours. */
    public static final String TOKEN_PREFIX = "bdn_";
    private static final String NAME = "[A-Za-z0-9][A-Za-z0-9._@-]{0,63}";

    private final Store store;
    private final Clock clock;

    public AccountService(Store store) {
        this(store, Clock.systemUTC());
    }

    public AccountService(Store store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    /** An account as the web and the CLI see it (no password hash). */
    public record User(long id, String name, Role role) {
        static User of(Account a) {
            return new User(a.id(), a.name(), Role.parse(a.role()));
        }
    }

    /** A signed-in browser: its account and the form token of this session. */
    public record Session(User user, String csrf) {
    }

    /** What the browser gets at sign-in: the cookie's value (shown once) and the session's form token. */
    public record Opened(String cookieValue, String csrf) {
    }

    /** @throws IllegalArgumentException for a bad name, role or password, or a name already taken */
    public User add(String name, Role role, String password) {
        if (name == null || !name.matches(NAME)) {
            throw new IllegalArgumentException("an account name is 1 to 64 letters, digits, '.', '_', '@' or '-', starting with a letter or digit");
        }
        Passwords.requireAcceptable(password);
        String hash = Passwords.hash(password);
        return store.write(h -> {
            if (Accounts.findByName(h, name).isPresent()) {
                throw new IllegalArgumentException("there is already an account called " + name);
            }
            long id = Accounts.insert(h, name, role.id(), hash);
            return new User(id, name, role);
        });
    }

    public List<User> all() {
        return store.read(h -> Accounts.all(h).stream().map(User::of).toList());
    }

    public Optional<User> find(String name) {
        return store.read(h -> Accounts.findByName(h, name).map(User::of));
    }

    public boolean isEmpty() {
        return store.read(Accounts::count) == 0;
    }

    /**
     * Makes the first admin when there is no account at all, with a generated password; returns that
     * password (to print once), or empty when accounts exist.
     */
    public synchronized Optional<String> createFirstAdmin(String name) {
        if (!isEmpty()) {
            return Optional.empty();
        }
        String password = Passwords.generate();
        add(name, Role.ADMIN, password);
        return Optional.of(password);
    }

    /** Sets a new password and signs the account out everywhere. */
    public void setPassword(String name, String password) {
        Passwords.requireAcceptable(password);
        String hash = Passwords.hash(password);
        store.write(h -> {
            Account a = Accounts.findByName(h, name).orElseThrow(() -> new IllegalArgumentException("there is no account called " + name));
            Accounts.setPasswordHash(h, a.id(), hash);
            Sessions.deleteForAccount(h, a.id());
            return null;
        });
    }

    /** Removes an account with its sessions and tokens; the last admin stays (else nobody could administer). */
    public void remove(String name) {
        store.write(h -> {
            Account a = Accounts.findByName(h, name).orElseThrow(() -> new IllegalArgumentException("there is no account called " + name));
            if (a.role().equals(Role.ADMIN.id()) && Accounts.countWithRole(h, Role.ADMIN.id()) == 1) {
                throw new IllegalArgumentException(name + " is the only admin; add another admin first");
            }
            return Accounts.delete(h, a.id());
        });
    }

    /** The account when the name and password match; the same cost for an unknown name as for a wrong password. */
    public Optional<User> verify(String name, String password) {
        Optional<Account> account = name == null ? Optional.empty() : store.read(h -> Accounts.findByName(h, name.strip()));
        boolean ok = Passwords.verify(password, account.map(Account::passwordHash).orElse(null));
        return ok ? account.map(User::of) : Optional.empty();
    }

    /** True when an account of this name exists (the sign-in limiter keys per existing account). */
    public boolean exists(String name) {
        return name != null && find(name.strip()).isPresent();
    }

    /** A new session; a new id every sign-in (no fixation). */
    public Opened open(User user) {
        String id = Secrets.random();
        String csrf = Secrets.random();
        long now = clock.millis();
        store.write(h -> {
            Sessions.deleteExpired(h, now, now - IDLE.toMillis());
            Sessions.insert(h, Secrets.digest(id), user.id(), csrf, now, now + LIFETIME.toMillis());
            return null;
        });
        return new Opened(id, csrf);
    }

    /** The live session of a cookie value, or empty (unknown, idle too long or expired: then it is deleted). */
    public Optional<Session> session(String cookieValue) {
        if (!Secrets.looksRandom(cookieValue)) {
            return Optional.empty();
        }
        String digest = Secrets.digest(cookieValue);
        long now = clock.millis();
        Optional<Sessions.Session> row = store.read(h -> Sessions.find(h, digest));
        if (row.isEmpty()) {
            return Optional.empty();
        }
        Sessions.Session s = row.get();
        if (s.expiresAt() <= now || s.seenAt() + IDLE.toMillis() <= now) {
            store.write(h -> {
                Sessions.delete(h, digest);
                return null;
            });
            return Optional.empty();
        }
        if (now - s.seenAt() >= TOUCH_EVERY.toMillis()) {
            store.write(h -> {
                Sessions.touch(h, digest, now);
                return null;
            });
        }
        return Optional.of(new Session(User.of(s.account()), s.csrf()));
    }

    /** Signs a browser out. */
    public void close(String cookieValue) {
        if (Secrets.looksRandom(cookieValue)) {
            store.write(h -> {
                Sessions.delete(h, Secrets.digest(cookieValue));
                return null;
            });
        }
    }

    /** A new API token for the account, returned once: only its SHA-256 and first characters are kept. */
    public String issueToken(String name) {
        String token = TOKEN_PREFIX + Secrets.random();
        store.write(h -> {
            Account a = Accounts.findByName(h, name).orElseThrow(() -> new IllegalArgumentException("there is no account called " + name));
            ApiTokens.insert(h, Secrets.digest(token), token.substring(0, TOKEN_PREFIX.length() + 6), a.id());
            return null;
        });
        return token;
    }

    /**
     * The account an {@code Authorization} header's bearer token belongs to, or empty (the JSON API's
     * credential; see {@code web.ApiAuth}).
     */
    public Optional<User> bearer(String authorizationHeader) {
        if (authorizationHeader == null || !authorizationHeader.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return Optional.empty();
        }
        String token = authorizationHeader.substring(7).strip();
        if (!token.startsWith(TOKEN_PREFIX) || !Secrets.looksRandom(token.substring(TOKEN_PREFIX.length()))) {
            return Optional.empty();
        }
        return store.write(h -> ApiTokens.use(h, Secrets.digest(token)).map(User::of));
    }

    /** Revokes every token of the account; returns how many. */
    public int revokeTokens(String name) {
        return store.write(h -> {
            Account a = Accounts.findByName(h, name).orElseThrow(() -> new IllegalArgumentException("there is no account called " + name));
            return ApiTokens.deleteForAccount(h, a.id());
        });
    }

    public List<ApiTokens.Listed> tokens(String name) {
        return store.read(h -> {
            Account a = Accounts.findByName(h, name).orElseThrow(() -> new IllegalArgumentException("there is no account called " + name));
            return ApiTokens.forAccount(h, a.id());
        });
    }
}
