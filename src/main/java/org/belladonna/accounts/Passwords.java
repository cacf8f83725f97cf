package org.belladonna.accounts;

import com.password4j.Argon2Function;
import com.password4j.Password;
import com.password4j.types.Argon2;

import java.security.SecureRandom;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Argon2id through password4j (pure Java), with OWASP's first Argon2id line: 19 MiB, 2 passes, 1 lane. The
 * PHC string ({@code $argon2id$v=19$m=19456,t=2,p=1$salt$hash}) carries its parameters, so a check reads
 * them from the stored hash. Each hash holds 19 MiB while it runs: at most two run at once.
 */
public final class Passwords {
    static final Argon2Function ARGON2 = Argon2Function.getInstance(19 * 1024, 2, 1, 32, Argon2.ID);
    public static final int MIN_LENGTH = 10;
    public static final int MAX_LENGTH = 1024;
    private static final SecureRandom RANDOM = new SecureRandom();
    /** No 0/O/1/l/I: a password read off a terminal is typed without mistakes. */
    private static final String ALPHABET = "abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
    private static final Semaphore HASHING = new Semaphore(2, true);
    /** Checked against when the account does not exist, so a wrong name costs what a wrong password costs. */
    private static final String DUMMY = Password.hash("no account has this password").addRandomSalt(16).with(ARGON2).getResult();

    private Passwords() {
    }

    /** Throws IllegalArgumentException for a password too short or too long to accept. */
    public static void requireAcceptable(String password) {
        if (password == null || password.length() < MIN_LENGTH) {
            throw new IllegalArgumentException("a password needs at least " + MIN_LENGTH + " characters");
        }
        if (password.length() > MAX_LENGTH) {
            throw new IllegalArgumentException("a password may have at most " + MAX_LENGTH + " characters");
        }
    }

    public static String hash(String password) {
        return limited(() -> Password.hash(password).addRandomSalt(16).with(ARGON2).getResult());
    }

    /** True when {@code password} matches {@code stored}; with no stored hash, costs the same and is false. */
    public static boolean verify(String password, String stored) {
        String candidate = password == null || password.length() > MAX_LENGTH ? "" : password;
        if (stored == null) {
            limited(() -> Password.check(candidate, DUMMY).with(ARGON2));
            return false;
        }
        return limited(() -> Password.check(candidate, stored).with(Argon2Function.getInstanceFromHash(stored)));
    }

    /** A password for the first admin, printed once: 20 characters from 57 (about 116 bits). */
    public static String generate() {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < 20; i++) {
            s.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
        }
        return s.toString();
    }

    private static <T> T limited(java.util.function.Supplier<T> work) {
        try {
            if (!HASHING.tryAcquire(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException("too many password checks at once; try again");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting to check a password", e);
        }
        try {
            return work.get();
        } finally {
            HASHING.release();
        }
    }
}
