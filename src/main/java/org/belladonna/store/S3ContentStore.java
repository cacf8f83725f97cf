package org.belladonna.store;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;

import java.io.IOException;
import java.net.URI;
import java.nio.file.NoSuchFileException;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;
import java.util.function.Consumer;

/**
 * The content store in an S3-compatible bucket (AWS S3, MinIO, Ceph, Garage…), under the same keys as the
 * directory store, below an optional prefix: {@code s3://bucket/prefix/images/ab/<sha256>}.
 *
 * <p>Two settings matter for servers other than AWS: path-style addresses (the bucket in the path, so a
 * server at {@code http://minio.lan:9000} needs no wildcard DNS), and no aws-chunked uploads, which some
 * servers store verbatim, chunk signatures inside the object (s3rver 3.7 does; the upload "succeeds").
 * Every read is checked against its address anyway.
 */
public final class S3ContentStore implements ContentStore {
    /**
     * Where the bucket is and how to sign in to it.
     *
     * @param endpoint  null for AWS itself; else the server's base URL (e.g. http://127.0.0.1:9000)
     * @param accessKey null to use the AWS default chain (environment, profile, instance role)
     */
    public record Config(String bucket, String prefix, URI endpoint, String region, String accessKey, String secretKey) {
        public Config {
            if (bucket == null || !bucket.matches("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]")) {
                throw new IllegalArgumentException("not an S3 bucket name: " + bucket);
            }
            prefix = prefix == null ? "" : prefix.replaceAll("^/+|/+$", "");
            region = region == null || region.isBlank() ? "us-east-1" : region;
        }

        String keyPrefix() {
            return prefix.isEmpty() ? "" : prefix + "/";
        }
    }

    private final Config config;
    private final S3Client s3;

    public S3ContentStore(Config config) {
        this.config = config;
        AwsCredentialsProvider credentials = config.accessKey() == null
                ? DefaultCredentialsProvider.builder().build()
                : StaticCredentialsProvider.create(AwsBasicCredentials.create(config.accessKey(), config.secretKey()));
        var builder = S3Client.builder()
                .region(Region.of(config.region()))
                .credentialsProvider(credentials)
                .forcePathStyle(config.endpoint() != null)
                // Checksums only where an operation needs them: older S3-compatibles refuse the newer headers.
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
                .serviceConfiguration(S3Configuration.builder().chunkedEncodingEnabled(false).build())
                .httpClient(UrlConnectionHttpClient.builder().connectionTimeout(Duration.ofSeconds(10))
                        .socketTimeout(Duration.ofSeconds(60)).build());
        if (config.endpoint() != null) {
            builder.endpointOverride(config.endpoint());
        }
        this.s3 = builder.build();
    }

    @Override
    public String put(byte[] bytes) throws IOException {
        String hash = ImageStore.sha256(bytes);
        if (contains(hash)) {
            return hash;
        }
        try {
            // AWS refuses a body that does not match this digest (BadDigest); the address is checked on read everywhere.
            s3.putObject(r -> r.bucket(config.bucket()).key(key(hash)).contentType("application/octet-stream")
                    .checksumSHA256(Base64.getEncoder().encodeToString(HexFormat.of().parseHex(hash))), RequestBody.fromBytes(bytes));
        } catch (SdkException e) {
            throw failure("store " + hash, e);
        }
        return hash;
    }

    @Override
    public boolean contains(String hash) throws IOException {
        if (!ImageStore.isHash(hash)) {
            return false;
        }
        try {
            s3.headObject(r -> r.bucket(config.bucket()).key(key(hash)));
            return true;
        } catch (NoSuchKeyException e) {
            return false;
        } catch (S3Exception e) {
            if (e.statusCode() == 404) { // HEAD has no body: some servers give no error code to map
                return false;
            }
            throw failure("look for " + hash, e);
        } catch (SdkException e) {
            throw failure("look for " + hash, e);
        }
    }

    @Override
    public byte[] read(String hash) throws IOException {
        String key = key(hash);
        try {
            byte[] bytes = s3.getObjectAsBytes(r -> r.bucket(config.bucket()).key(key)).asByteArray();
            return ContentStore.verified(hash, bytes, describe());
        } catch (NoSuchKeyException e) {
            throw new NoSuchFileException(describe() + "/" + key);
        } catch (S3Exception e) {
            if (e.statusCode() == 404) {
                throw new NoSuchFileException(describe() + "/" + key);
            }
            throw failure("read " + hash, e);
        } catch (SdkException e) {
            throw failure("read " + hash, e);
        }
    }

    @Override
    public boolean delete(String hash) throws IOException {
        // DeleteObject answers 204 whether or not the key existed: ask first.
        if (!contains(hash)) {
            return false;
        }
        try {
            s3.deleteObject(r -> r.bucket(config.bucket()).key(key(hash)));
            return true;
        } catch (SdkException e) {
            throw failure("delete " + hash, e);
        }
    }

    @Override
    public void list(Consumer<Entry> each) throws IOException {
        String prefix = config.keyPrefix() + "images/";
        try {
            for (S3Object o : s3.listObjectsV2Paginator(r -> r.bucket(config.bucket()).prefix(prefix)).contents()) {
                String name = o.key().substring(o.key().lastIndexOf('/') + 1);
                if (ImageStore.isHash(name)) {
                    each.accept(new Entry(name, o.lastModified(), o.size()));
                }
            }
        } catch (SdkException e) {
            throw failure("list", e);
        }
    }

    @Override
    public void check() throws IOException {
        try {
            s3.headBucket(r -> r.bucket(config.bucket()));
        } catch (SdkException e) {
            throw failure("reach the bucket", e);
        }
    }

    @Override
    public String describe() {
        return "s3://" + config.bucket() + (config.prefix().isEmpty() ? "" : "/" + config.prefix())
                + (config.endpoint() == null ? "" : " at " + config.endpoint());
    }

    @Override
    public void close() {
        s3.close();
    }

    private String key(String hash) {
        return config.keyPrefix() + ContentStore.key(hash);
    }

    private IOException failure(String what, SdkException e) {
        return new IOException("cannot " + what + " in " + describe() + ": " + e.getMessage(), e);
    }
}
