package org.belladonna.accounts;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/**
 * Random secrets (session cookies, form tokens, API tokens) and their SHA-256 digests, which is all the
 * database keeps. 256 random bits need no slow hash: there is nothing to guess.
 */
public final class Secrets {
    private static final SecureRandom RANDOM = new SecureRandom();
    /** Base64url of 32 bytes. */
    static final String SHAPE = "[A-Za-z0-9_-]{43}";

    private Secrets() {
    }

    /** 32 random bytes as 43 base64url characters. */
    public static String random() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    public static boolean looksRandom(String value) {
        return value != null && value.matches(SHAPE);
    }

    public static String digest(String secret) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.US_ASCII)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    /** Compares two tokens in time independent of where they differ. */
    public static boolean same(String a, String b) {
        return a != null && b != null
                && MessageDigest.isEqual(a.getBytes(StandardCharsets.US_ASCII), b.getBytes(StandardCharsets.US_ASCII));
    }
}
