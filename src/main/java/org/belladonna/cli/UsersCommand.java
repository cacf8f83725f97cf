package org.belladonna.cli;

import org.belladonna.accounts.AccountService;
import org.belladonna.accounts.Role;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.Callable;

/**
 * Accounts for a studio served on a network ({@code serve --host} off loopback). Passwords are never
 * arguments (they would land in the shell history and the process list): typed at a prompt, or read as
 * the first line of standard input when it is not a terminal.
 */
@Command(name = "users", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = {"Accounts for a studio served on a network: artist (protect, concepts), reviewer (experiments,",
                "scores), admin (models, kiosk, accounts and everything else). Passwords come from a prompt, or from",
                "the first line of standard input (e.g. printf '%s\\n' \"$PW\" | belladonna users add mira --role artist)."},
        subcommands = {UsersCommand.Add.class, UsersCommand.ListUsers.class, UsersCommand.Remove.class,
                UsersCommand.Passwd.class, UsersCommand.Token.class})
public final class UsersCommand {

    @Command(name = "add", mixinStandardHelpOptions = true, versionProvider = Version.class,
            description = "Add an account; its password comes from a prompt or standard input.")
    static final class Add implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "NAME", description = "Letters, digits, '.', '_', '@' or '-'; 1 to 64.")
        String name;

        @Option(names = "--role", required = true, paramLabel = "ROLE", description = "artist, reviewer or admin.")
        String role;

        @Mixin
        DataDirOption dirs;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            Role parsed;
            try {
                parsed = Role.parse(role);
            } catch (IllegalArgumentException e) {
                throw Usage.error(spec, "--role " + e.getMessage().replace("the role ", ""));
            }
            AccountService accounts = dirs.open().accounts();
            String password = password("Password for " + name);
            try {
                accounts.add(name, parsed, password);
            } catch (IllegalArgumentException e) {
                throw new UserError(e.getMessage());
            }
            System.out.println("Added " + name + " (" + parsed.id() + ").");
            return 0;
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, versionProvider = Version.class, description = "List the accounts.")
    static final class ListUsers implements Callable<Integer> {
        @Mixin
        DataDirOption dirs;

        @Override
        public Integer call() {
            var all = dirs.open().accounts().all();
            if (all.isEmpty()) {
                System.out.println("No accounts. A server on a network address makes the first admin when it starts.");
            }
            all.forEach(u -> System.out.printf("%-32s %s%n", u.name(), u.role().id()));
            return 0;
        }
    }

    @Command(name = "remove", mixinStandardHelpOptions = true, versionProvider = Version.class,
            description = "Remove an account with its sessions and API tokens.")
    static final class Remove extends OneAccount {
        @Override
        public Integer call() {
            try {
                dirs.open().accounts().remove(name);
            } catch (IllegalArgumentException e) {
                throw new UserError(e.getMessage());
            }
            System.out.println("Removed " + name + ".");
            return 0;
        }
    }

    @Command(name = "passwd", mixinStandardHelpOptions = true, versionProvider = Version.class,
            description = "Set a new password (from a prompt or standard input); signs the account out everywhere.")
    static final class Passwd extends OneAccount {
        @Override
        public Integer call() {
            AccountService accounts = dirs.open().accounts();
            if (accounts.find(name).isEmpty()) {
                throw new UserError("there is no account called " + name);
            }
            try {
                accounts.setPassword(name, password("New password for " + name));
            } catch (IllegalArgumentException e) {
                throw new UserError(e.getMessage());
            }
            System.out.println("Changed the password of " + name + "; its sessions have ended.");
            return 0;
        }
    }

    @Command(name = "token", mixinStandardHelpOptions = true, versionProvider = Version.class,
            description = {"Issue an API token for an account and print it once (only its SHA-256 is kept).",
                    "Programs send it as 'Authorization: Bearer TOKEN'. --revoke removes every token of the account."})
    static final class Token extends OneAccount {
        @Option(names = "--revoke", description = "Revoke all of the account's tokens instead.")
        boolean revoke;

        @Override
        public Integer call() {
            AccountService accounts = dirs.open().accounts();
            try {
                if (revoke) {
                    int n = accounts.revokeTokens(name);
                    System.out.println("Revoked " + n + " token" + (n == 1 ? "" : "s") + " of " + name + ".");
                } else {
                    System.out.println(accounts.issueToken(name));
                    System.err.println("This token is shown only now; store it where the program reads it.");
                }
            } catch (IllegalArgumentException e) {
                throw new UserError(e.getMessage());
            }
            return 0;
        }
    }

    /** A password typed twice at a terminal without echo, or the first line of standard input. */
    static String password(String prompt) {
        Console console = System.console();
        if (console != null) {
            char[] first = console.readPassword("%s: ", prompt);
            char[] second = console.readPassword("Again: ");
            if (first == null || second == null || !Arrays.equals(first, second)) {
                throw new UserError("the two passwords differ; nothing was changed");
            }
            return new String(first);
        }
        try {
            String line = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
            if (line == null || line.isEmpty()) {
                throw new UserError("no password: type it at the prompt, or give it as the first line of standard input");
            }
            return line;
        } catch (IOException e) {
            throw new UserError("cannot read the password from standard input (" + e.getMessage() + ")");
        }
    }

    /** A subcommand about one existing account: its name, and where the studio's data is. */
    abstract static class OneAccount implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "NAME")
        String name;

        @Mixin
        DataDirOption dirs;
    }
}
