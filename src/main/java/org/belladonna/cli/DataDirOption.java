package org.belladonna.cli;

import org.belladonna.app.Studio;
import org.belladonna.models.ModelRegistry;
import org.belladonna.store.ContentStore;
import org.belladonna.store.ContentStores;
import picocli.CommandLine.Option;

import java.nio.file.Path;

/** {@code --data}, {@code --store}, {@code --database} and {@code --models}, shared by every command that opens the studio. */
public final class DataDirOption {
    /** The environment variable {@code --database} overrides. */
    public static final String DATABASE_ENV = "BELLADONNA_DATABASE";

    @Option(names = "--data", paramLabel = "DIR", description = "Data directory (database, images). Default: $BELLADONNA_DATA or ./data")
    Path data;

    @Option(names = "--store", paramLabel = "DIR|s3://BUCKET/PREFIX", description = {
            "Where images are kept: the data directory (default), another directory (e.g. a shared mount), or an",
            "S3-compatible bucket (with BELLADONNA_S3_ENDPOINT for a server other than AWS, AWS_ACCESS_KEY_ID,",
            "AWS_SECRET_ACCESS_KEY, AWS_REGION). Default: $BELLADONNA_STORE or the data directory"})
    String store;

    @Option(names = "--database", paramLabel = "URL", description = {
            "Where the tables are kept: the SQLite file in the data directory (default), or a PostgreSQL database",
            "several hosts can share, postgresql://user:password@host:port/database (jdbc:postgresql://... too).",
            "Default: $" + DATABASE_ENV + " or the data directory"})
    String database;

    @picocli.CommandLine.Mixin
    ModelsDirOption models;

    public Path dataDir() {
        return data != null ? data : Path.of(envOr("BELLADONNA_DATA", "data"));
    }

    /** The PostgreSQL URL from --database or the environment, or null for the SQLite file in the data directory. */
    public String databaseUrl() {
        String url = database != null ? database : System.getenv(DATABASE_ENV);
        return url == null || url.isBlank() ? null : url.strip();
    }

    public Path modelsDir() {
        return models.dir();
    }

    public Studio open() {
        String spec = store != null ? store : System.getenv(ContentStores.ENV);
        // Null is the default, a directory inside the data directory, which the store creates after the data directory.
        ContentStore images = spec == null || spec.isBlank() ? null : configuredStore(spec);
        return Studio.open(dataDir(), new ModelRegistry(modelsDir().toAbsolutePath().normalize()), images, databaseUrl());
    }

    private ContentStore configuredStore(String spec) {
        try {
            ContentStore images = ContentStores.open(spec, dataDir().toAbsolutePath().normalize(), System.getenv());
            images.check();
            return images;
        } catch (IllegalArgumentException e) {
            throw new UserError("--store: " + e.getMessage());
        } catch (java.io.IOException e) {
            throw new UserError("--store: " + e.getMessage(), e);
        }
    }

    private static String envOr(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
