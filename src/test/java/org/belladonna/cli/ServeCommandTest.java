package org.belladonna.cli;

import io.javalin.Javalin;
import org.belladonna.accounts.Role;
import org.belladonna.app.Studio;
import org.belladonna.testing.TestDatabase;
import org.belladonna.web.SignInTestAddress;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;
import picocli.CommandLine;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The first start beyond loopback makes an admin and prints its password once; loopback makes no account.
 * On both databases: with {@code --database} the accounts are in PostgreSQL.
 */
@ParameterizedClass
@EnumSource(TestDatabase.class)
class ServeCommandTest {
    @Parameter
    TestDatabase database;

    private static final Pattern PASSWORD = Pattern.compile("shown only this once: (\\S+)");

    @TempDir
    Path dir;

    private String start(String host) {
        ServeCommand serve = new ServeCommand();
        List<String> args = new ArrayList<>(List.of("--host", host, "--port", "0", "--offline",
                "--data", dir.resolve("data").toString(), "--models", dir.resolve("models").toString()));
        String url = database.url(dir.resolve("data"));
        if (url != null) {
            args.addAll(List.of("--database", url));
        }
        new CommandLine(serve).parseArgs(args.toArray(String[]::new));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Javalin app = serve.start(new PrintStream(out, true));
        app.stop();
        String printed = out.toString();
        assertEquals(url != null, printed.contains("The tables are in postgresql://"), printed);
        return printed;
    }

    @Test
    void theFirstStartOffLoopbackMakesAnAdminAndPrintsItsPasswordOnce() throws Exception {
        String first = start(SignInTestAddress.bindAddress());
        Matcher m = PASSWORD.matcher(first);
        assertTrue(m.find(), first);
        assertTrue(first.contains("everything but /health needs an account"), first);
        Studio studio = database.studio(dir.resolve("data"), dir.resolve("models"));
        assertEquals(Role.ADMIN, studio.accounts().verify("admin", m.group(1)).orElseThrow().role());

        String second = start(SignInTestAddress.bindAddress());
        assertFalse(PASSWORD.matcher(second).find(), second);
        assertTrue(second.contains("Sign in with an account"), second);
        assertEquals(1, studio.accounts().all().size());
    }

    @Test
    void loopbackNeedsNoAccount() {
        String out = start("127.0.0.1");
        assertFalse(out.contains("password"), out);
        assertTrue(database.studio(dir.resolve("data"), dir.resolve("models")).accounts().all().isEmpty());
    }
}
