package org.belladonna.accounts;

import org.belladonna.testing.TestDatabase;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;
import org.belladonna.store.Store;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

@ParameterizedClass
@EnumSource(TestDatabase.class)
class AccountServiceTest {
    @Parameter
    TestDatabase database;

    @TempDir
    Path dir;

    /** A clock the test moves by hand. */
    static final class HandClock extends Clock {
        Instant now = Instant.parse("2026-01-01T00:00:00Z");

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    @Test
    void passwordsAreArgon2idAndOnlyTheRightOneSignsIn() {
        Store store = database.open(dir);
        AccountService accounts = new AccountService(store);
        accounts.add("mira", Role.ARTIST, "correct horse battery");
        String hash = store.read(h -> h.createQuery("SELECT password_hash FROM account WHERE name = 'mira'").mapTo(String.class).one());
        assertTrue(hash.startsWith("$argon2id$v=19$m=19456,t=2,p=1$"), hash);
        assertEquals(Optional.of(Role.ARTIST), accounts.verify("mira", "correct horse battery").map(AccountService.User::role));
        assertEquals(Optional.of("mira"), accounts.verify("MIRA", "correct horse battery").map(AccountService.User::name));
        assertTrue(accounts.verify("mira", "wrong horse battery").isEmpty());
        assertTrue(accounts.verify("nobody", "correct horse battery").isEmpty());
        assertThrows(IllegalArgumentException.class, () -> accounts.add("Mira", Role.ADMIN, "another password"));
        assertThrows(IllegalArgumentException.class, () -> accounts.add("short", Role.ADMIN, "tooshort"));
        assertThrows(IllegalArgumentException.class, () -> accounts.add("../etc", Role.ADMIN, "long enough password"));
    }

    @Test
    void theFirstAdminIsMadeOnceWithAGeneratedPassword() {
        AccountService accounts = new AccountService(database.open(dir));
        String password = accounts.createFirstAdmin("admin").orElseThrow();
        assertEquals(20, password.length());
        assertEquals(Role.ADMIN, accounts.verify("admin", password).orElseThrow().role());
        assertEquals(Optional.empty(), accounts.createFirstAdmin("admin"));
        assertThrows(IllegalArgumentException.class, () -> accounts.remove("admin"), "the last admin stays");
    }

    @Test
    void sessionsAreStoredAsDigestsAndEndWhenIdleOrOld() {
        Store store = database.open(dir);
        HandClock clock = new HandClock();
        AccountService accounts = new AccountService(store, clock);
        AccountService.User user = accounts.add("rev", Role.REVIEWER, "reviewer password");
        AccountService.Opened opened = accounts.open(user);
        List<String> stored = store.read(h -> h.createQuery("SELECT id_digest FROM session").mapTo(String.class).list());
        assertEquals(List.of(Secrets.digest(opened.cookieValue())), stored, "only the digest is kept");
        assertEquals(opened.csrf(), accounts.session(opened.cookieValue()).orElseThrow().csrf());

        // A new instance (a restart) knows the session.
        assertTrue(new AccountService(store, clock).session(opened.cookieValue()).isPresent());

        clock.now = clock.now.plus(AccountService.IDLE).plusSeconds(1);
        assertTrue(accounts.session(opened.cookieValue()).isEmpty(), "idle too long");
        assertEquals(0, (int) store.read(h -> h.createQuery("SELECT count(*) FROM session").mapTo(Integer.class).one()));

        AccountService.Opened busy = accounts.open(user);
        for (int hour = 0; hour < 24 * 7; hour += 6) {
            clock.now = clock.now.plus(Duration.ofHours(6));
            if (hour + 6 < 24 * 7) {
                assertTrue(accounts.session(busy.cookieValue()).isPresent(), "used every 6 hours, hour " + hour);
            }
        }
        assertTrue(accounts.session(busy.cookieValue()).isEmpty(), "a week after sign-in it ends, however busy");

        AccountService.Opened again = accounts.open(user);
        accounts.close(again.cookieValue());
        assertTrue(accounts.session(again.cookieValue()).isEmpty(), "signed out");
        AccountService.Opened revoked = accounts.open(user);
        accounts.setPassword("rev", "a new reviewer password");
        assertTrue(accounts.session(revoked.cookieValue()).isEmpty(), "a new password signs out everywhere");
        assertTrue(accounts.session("not a session").isEmpty());
    }

    @Test
    void apiTokensAreShownOnceStoredAsDigestsAndGoWithTheirAccount() {
        Store store = database.open(dir);
        AccountService accounts = new AccountService(store);
        accounts.add("boss", Role.ADMIN, "admin password here");
        accounts.add("bot", Role.REVIEWER, "reviewer password");
        String token = accounts.issueToken("bot");
        assertTrue(token.matches("bdn_[A-Za-z0-9_-]{43}"), token);
        String digest = store.read(h -> h.createQuery("SELECT digest FROM api_token").mapTo(String.class).one());
        assertEquals(Secrets.digest(token), digest);
        assertFalse(store.read(h -> h.createQuery("SELECT prefix FROM api_token").mapTo(String.class).one()).equals(token));

        assertEquals("bot", accounts.bearer("Bearer " + token).orElseThrow().name());
        assertTrue(accounts.bearer("Bearer " + token.substring(0, token.length() - 1) + "x").isEmpty());
        assertTrue(accounts.bearer("Basic " + token).isEmpty());
        assertTrue(accounts.bearer(null).isEmpty());
        assertTrue(accounts.tokens("bot").get(0).lastUsedAt() != null, "last use noted");

        accounts.remove("bot");
        assertTrue(accounts.bearer("Bearer " + token).isEmpty(), "the token went with its account");
    }
}
