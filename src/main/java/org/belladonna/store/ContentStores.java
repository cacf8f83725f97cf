package org.belladonna.store;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.Map;

/**
 * The image store a setting names ({@code --store} or {@code BELLADONNA_STORE}):
 * <ul>
 * <li>nothing: the data directory, as always;</li>
 * <li>a directory path (or {@code file:///path}): that directory, e.g. a mount several hosts share;</li>
 * <li>{@code s3://bucket[/prefix]}: an S3-compatible bucket. {@code BELLADONNA_S3_ENDPOINT} names a server other
 *     than AWS (e.g. {@code http://127.0.0.1:9000} for MinIO); {@code AWS_REGION}, {@code AWS_ACCESS_KEY_ID} and
 *     {@code AWS_SECRET_ACCESS_KEY} as for any AWS tool (without keys, the AWS default chain: profile, role).</li>
 * </ul>
 */
public final class ContentStores {
    public static final String ENV = "BELLADONNA_STORE";
    public static final String ENDPOINT_ENV = "BELLADONNA_S3_ENDPOINT";

    private ContentStores() {
    }

    /** @throws IllegalArgumentException for a setting that names no store, in one line */
    public static ContentStore open(String spec, Path dataDir, Map<String, String> env) {
        if (spec == null || spec.isBlank()) {
            return new DirectoryContentStore(dataDir);
        }
        String s = spec.strip();
        if (s.startsWith("s3://")) {
            return new S3ContentStore(s3(s, env));
        }
        if (s.startsWith("file:")) {
            return new DirectoryContentStore(Path.of(uri(s)));
        }
        if (s.matches("[A-Za-z][A-Za-z0-9+.-]*://.*")) {
            throw new IllegalArgumentException("the image store must be a directory or s3://bucket/prefix, not " + s);
        }
        return new DirectoryContentStore(Path.of(s));
    }

    static S3ContentStore.Config s3(String spec, Map<String, String> env) {
        URI uri = uri(spec);
        if (uri.getHost() == null || uri.getQuery() != null || uri.getUserInfo() != null) {
            throw new IllegalArgumentException("write the S3 image store as s3://bucket or s3://bucket/prefix, not " + spec);
        }
        String endpoint = blankToNull(env.get(ENDPOINT_ENV));
        URI endpointUri = endpoint == null ? null : uri(endpoint);
        if (endpointUri != null && (endpointUri.getScheme() == null || !endpointUri.getScheme().matches("https?"))) {
            throw new IllegalArgumentException(ENDPOINT_ENV + " must be an http:// or https:// URL, not " + endpoint);
        }
        String key = blankToNull(env.get("AWS_ACCESS_KEY_ID"));
        String secret = blankToNull(env.get("AWS_SECRET_ACCESS_KEY"));
        if ((key == null) != (secret == null)) {
            throw new IllegalArgumentException("set both AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or neither");
        }
        return new S3ContentStore.Config(uri.getHost(), uri.getPath(), endpointUri,
                blankToNull(env.getOrDefault("AWS_REGION", env.get("AWS_DEFAULT_REGION"))), key, secret);
    }

    private static URI uri(String s) {
        try {
            return new URI(s);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("not a valid address: " + s + " (" + e.getReason() + ")");
        }
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
