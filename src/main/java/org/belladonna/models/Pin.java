package org.belladonna.models;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;

/**
 * The expected digest of a model file: {@code sha256} of the bytes, or {@code gitBlobSha1}, git's
 * object id (SHA-1 over "blob " + decimal size + NUL + bytes), for files known only by their commit.
 */
public record Pin(Kind kind, String hex) {
    public enum Kind {
        SHA256("sha256"), GIT_BLOB_SHA1("gitBlobSha1");

        final String json;

        Kind(String json) {
            this.json = json;
        }
    }

    public Pin {
        hex = hex.toLowerCase(Locale.ROOT);
    }

    @JsonCreator
    static Pin fromJson(@JsonProperty("sha256") String sha256, @JsonProperty("gitBlobSha1") String gitBlobSha1) {
        if ((sha256 == null) == (gitBlobSha1 == null)) {
            throw new IllegalArgumentException("a pin needs exactly one of sha256 and gitBlobSha1");
        }
        return sha256 != null ? new Pin(Kind.SHA256, sha256) : new Pin(Kind.GIT_BLOB_SHA1, gitBlobSha1);
    }

    /** This pin's digest of a file, in lower-case hex. */
    public String digest(Path file) throws IOException {
        MessageDigest digest = newDigest();
        if (kind == Kind.GIT_BLOB_SHA1) {
            digest.update(("blob " + Files.size(file) + "\0").getBytes(StandardCharsets.US_ASCII));
        }
        try (InputStream in = Files.newInputStream(file)) {
            byte[] buffer = new byte[1 << 16];
            for (int n; (n = in.read(buffer)) > 0; ) {
                digest.update(buffer, 0, n);
            }
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    public boolean matches(Path file) throws IOException {
        return digest(file).equals(hex);
    }

    private MessageDigest newDigest() {
        try {
            return MessageDigest.getInstance(kind == Kind.SHA256 ? "SHA-256" : "SHA-1");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public String toString() {
        return kind.json + " " + hex;
    }
}
