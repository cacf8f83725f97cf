package org.belladonna.cli;

import org.belladonna.accounts.Role;
import org.belladonna.accounts.Secrets;
import org.belladonna.app.Studio;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code belladonna users}: passwords from standard input (never arguments), one-line errors, tokens shown once. */
class UsersCommandTest {
    @TempDir
    Path dir;

    private CliTest.Run run(String stdin, String... args) {
        InputStream old = System.in;
        try {
            System.setIn(new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)));
            return CliTest.run(args);
        } finally {
            System.setIn(old);
        }
    }

    private Studio studio() {
        return Studio.open(dir.resolve("data"), dir.resolve("models"));
    }

    @Test
    void addListPasswdAndRemove() {
        String data = dir.resolve("data").toString();
        CliTest.Run add = run("artist password 1\n", "users", "add", "mira", "--role", "artist", "--data", data);
        assertEquals(0, add.code(), add.err());
        assertTrue(add.out().contains("Added mira (artist)"), add.out());
        assertEquals(Role.ARTIST, studio().accounts().verify("mira", "artist password 1").orElseThrow().role());
        assertEquals(0, run("admin password 1\n", "users", "add", "boss", "--role", "admin", "--data", data).code());

        CliTest.Run list = CliTest.run("users", "list", "--data", data);
        assertTrue(list.out().contains("mira") && list.out().contains("artist") && list.out().contains("boss"), list.out());

        CliTest.Run passwd = run("a better password\n", "users", "passwd", "mira", "--data", data);
        assertEquals(0, passwd.code(), passwd.err());
        assertTrue(studio().accounts().verify("mira", "a better password").isPresent());
        assertTrue(studio().accounts().verify("mira", "artist password 1").isEmpty());

        assertEquals(0, CliTest.run("users", "remove", "mira", "--data", data).code());
        assertTrue(studio().accounts().find("mira").isEmpty());
        CliTest.Run last = CliTest.run("users", "remove", "boss", "--data", data);
        assertEquals(Main.BAD_INPUT, last.code());
        assertTrue(last.err().startsWith("belladonna users remove: ") && last.err().contains("only admin"), last.err());
    }

    @Test
    void badInputIsOneLine() {
        String data = dir.resolve("data").toString();
        CliTest.Run role = run("whatever password\n", "users", "add", "x", "--role", "king", "--data", data);
        assertEquals(Main.USAGE, role.code(), role.err());
        assertEquals(1, role.err().strip().lines().count(), role.err());
        CliTest.Run shortPassword = run("short\n", "users", "add", "x", "--role", "artist", "--data", data);
        assertEquals(Main.BAD_INPUT, shortPassword.code());
        assertTrue(shortPassword.err().contains("at least 10 characters"), shortPassword.err());
        CliTest.Run none = run("", "users", "add", "x", "--role", "artist", "--data", data);
        assertEquals(Main.BAD_INPUT, none.code());
        assertTrue(none.err().contains("no password"), none.err());
        assertEquals(Main.BAD_INPUT, CliTest.run("users", "token", "ghost", "--data", data).code());
        assertTrue(studio().accounts().all().isEmpty());
    }

    @Test
    void aTokenIsPrintedOnceAndStoredAsADigest() {
        String data = dir.resolve("data").toString();
        run("reviewer password\n", "users", "add", "bot", "--role", "reviewer", "--data", data);
        CliTest.Run token = CliTest.run("users", "token", "bot", "--data", data);
        assertEquals(0, token.code(), token.err());
        String printed = token.out().strip();
        assertTrue(printed.matches("bdn_[A-Za-z0-9_-]{43}"), printed);
        String stored = studio().store().read(h -> h.createQuery("SELECT digest FROM api_token").mapTo(String.class).one());
        assertEquals(Secrets.digest(printed), stored);
        assertEquals("bot", studio().accounts().bearer("Bearer " + printed).orElseThrow().name());
        CliTest.Run revoke = CliTest.run("users", "token", "bot", "--revoke", "--data", data);
        assertTrue(revoke.out().contains("Revoked 1 token"), revoke.out());
        assertTrue(studio().accounts().bearer("Bearer " + printed).isEmpty());
    }
}
