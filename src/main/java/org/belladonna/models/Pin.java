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
 * Or, where upstream publishes no digest at all, {@code {"unpinned": true}}: nothing can be checked on
 * download, so the registry records the file's SHA-256 when it installs it and scores made with it are
 * labelled unpinned until the manifest gets a real pin.
 */
public record Pin(Kind kind, String hex) {
    /** A manifest entry whose upstream publishes no digest. */
    public static final Pin UNPINNED = new Pin(Kind.UNPINNED, "");

    public enum Kind {
        SHA256("sha256"), GIT_BLOB_SHA1("gitBlobSha1"), UNPINNED("unpinned");

        final String json;

        Kind(String json) {
            this.json = json;
        }
    }

    public Pin {
        hex = hex.toLowerCase(Locale.ROOT);
        if ((kind == Kind.UNPINNED) != hex.isEmpty()) {
            throw new IllegalArgumentException(kind == Kind.UNPINNED ? "an unpinned entry has no digest" : "a pin needs a digest");
        }
    }

    @JsonCreator
    static Pin fromJson(@JsonProperty("sha256") String sha256, @JsonProperty("gitBlobSha1") String gitBlobSha1,
                        @JsonProperty("unpinned") Boolean unpinned) {
        int given = (sha256 != null ? 1 : 0) + (gitBlobSha1 != null ? 1 : 0) + (unpinned != null ? 1 : 0);
        if (given != 1) {
            throw new IllegalArgumentException("a pin needs exactly one of sha256, gitBlobSha1 and unpinned");
        }
        if (unpinned != null) {
            if (!unpinned) {
                throw new IllegalArgumentException("\"unpinned\" can only be true; give sha256 or gitBlobSha1 instead");
            }
            return UNPINNED;
        }
        return sha256 != null ? new Pin(Kind.SHA256, sha256) : new Pin(Kind.GIT_BLOB_SHA1, gitBlobSha1);
    }

    /** False for {@link #UNPINNED}: there is no digest to check a download against. */
    public boolean pinned() {
        return kind != Kind.UNPINNED;
    }

    /** This pin's digest of a file, in lower-case hex; for an unpinned entry the SHA-256 the registry records. */
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
        if (!pinned()) {
            throw new IllegalStateException("an unpinned entry has no digest to match; compare with the recorded SHA-256");
        }
        return digest(file).equals(hex);
    }

    private MessageDigest newDigest() {
        try {
            return MessageDigest.getInstance(kind == Kind.GIT_BLOB_SHA1 ? "SHA-1" : "SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public String toString() {
        return pinned() ? kind.json + " " + hex : kind.json;
    }
}
