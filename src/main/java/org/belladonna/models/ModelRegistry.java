package org.belladonna.models;

import org.belladonna.progress.Progress;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The model files in one folder, checked against the manifest's pins. A file is hashed once per
 * process and re-hashed only when its size or modification time changes, so status pages stay cheap.
 * Installs write a temporary file in the same folder and move it into place atomically, only once
 * its digest matches: a bad download never replaces a good file.
 */
public final class ModelRegistry {
    public enum Status { INSTALLED, MISSING, CORRUPT }

    /** One model's state in this folder. */
    public record Entry(ModelManifest.Model model, Status status, Path file, String installCommand) {
    }

    private record Verified(long size, FileTime modified, Pin pin, boolean ok) {
    }

    private static final Map<Path, Verified> VERIFIED = new ConcurrentHashMap<>();

    private final Path dir;
    private final ModelManifest manifest;

    public ModelRegistry(Path dir) {
        this(dir, ModelManifest.bundled());
    }

    public ModelRegistry(Path dir, ModelManifest manifest) {
        this.dir = dir;
        this.manifest = manifest;
    }

    /** {@code BELLADONNA_MODELS} if set, else {@code models} in the working directory. */
    public static Path defaultDir() {
        String env = System.getenv("BELLADONNA_MODELS");
        return Path.of(env == null || env.isBlank() ? "models" : env);
    }

    public Path dir() {
        return dir;
    }

    public ModelManifest manifest() {
        return manifest;
    }

    public List<Entry> list() throws IOException {
        List<Entry> entries = new ArrayList<>();
        for (ModelManifest.Model model : manifest.models()) {
            entries.add(entry(model));
        }
        return entries;
    }

    /** @throws IllegalArgumentException for an id the manifest does not know */
    public Entry status(String id) throws IOException {
        return entry(manifest.require(id));
    }

    /** The verified file of a model, or an exception whose message says how to install it. */
    public Path path(String id) throws IOException {
        Entry e = status(id);
        return switch (e.status()) {
            case INSTALLED -> e.file();
            case MISSING -> throw new ModelMissingException(id, "model " + id + " is not installed in " + dir
                    + "; install it with: " + e.installCommand());
            case CORRUPT -> throw new ModelMissingException(id, "model file " + e.file() + " does not match its pin ("
                    + e.model().pin() + "); reinstall it with: " + e.installCommand() + " --force");
        };
    }

    /**
     * Installs models from {@code source}. All ids are checked before anything is fetched. Installed
     * models are skipped unless {@code force}.
     *
     * @return the ids actually fetched
     */
    public List<String> pull(Collection<String> ids, ModelSource source, Progress progress, boolean force)
            throws IOException {
        List<ModelManifest.Model> models = ids.stream().map(manifest::require).toList();
        List<ModelManifest.Model> needed = new ArrayList<>();
        for (ModelManifest.Model model : models) {
            if (force || entry(model).status() != Status.INSTALLED) {
                needed.add(model);
            }
        }
        List<String> fetched = new ArrayList<>();
        for (ModelManifest.Model model : needed) {
            progress.checkCancelled();
            install(model, source, progress, model.id() + " (" + (fetched.size() + 1) + " of " + needed.size() + ")");
            fetched.add(model.id());
        }
        return fetched;
    }

    /** The ids of the default models that are missing or do not match their pins. */
    public List<String> missingDefaults() throws IOException {
        List<String> missing = new ArrayList<>();
        for (ModelManifest.Model model : manifest.defaults()) {
            if (entry(model).status() != Status.INSTALLED) {
                missing.add(model.id());
            }
        }
        return missing;
    }

    private Entry entry(ModelManifest.Model model) throws IOException {
        Path file = dir.resolve(model.file());
        Status status;
        if (!Files.isRegularFile(file)) {
            status = Status.MISSING;
        } else {
            status = verified(file, model.pin()) ? Status.INSTALLED : Status.CORRUPT;
        }
        return new Entry(model, status, file, installCommand(model));
    }

    private String installCommand(ModelManifest.Model model) {
        String command = "belladonna models pull " + model.id();
        return dir.equals(defaultDir()) ? command : command + " --models " + dir;
    }

    /** Phase name of a download, in bytes. */
    public static final String DOWNLOADING = "downloading";

    private void install(ModelManifest.Model model, ModelSource source, Progress progress, String label) throws IOException {
        Files.createDirectories(dir);
        Path target = dir.resolve(model.file());
        Path part = Files.createTempFile(dir, "." + model.file() + ".", ".part");
        try {
            ModelSource.Download download = source.open(model);
            try (InputStream in = download.body(); OutputStream out = Files.newOutputStream(part)) {
                progress.update(DOWNLOADING, 0, download.size(), label);
                byte[] buffer = new byte[1 << 16];
                long done = 0;
                for (int n; (n = in.read(buffer)) > 0; ) {
                    out.write(buffer, 0, n);
                    done += n;
                    progress.update(DOWNLOADING, done, download.size(), label);
                }
            }
            String actual = model.pin().digest(part);
            if (!actual.equals(model.pin().hex())) {
                throw new IOException("refused " + model.id() + " from " + source.describe(model) + ": "
                        + model.pin().kind().json + " is " + actual + ", expected " + model.pin().hex()
                        + "; nothing was replaced");
            }
            Files.move(part, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            remember(target, model.pin(), true);
        } finally {
            Files.deleteIfExists(part);
        }
    }

    private static boolean verified(Path file, Pin pin) throws IOException {
        BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
        Verified known = VERIFIED.get(file.toAbsolutePath().normalize());
        if (known != null && known.size() == attributes.size() && known.modified().equals(attributes.lastModifiedTime())
                && known.pin().equals(pin)) {
            return known.ok();
        }
        return remember(file, pin, pin.matches(file));
    }

    private static boolean remember(Path file, Pin pin, boolean ok) throws IOException {
        BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
        VERIFIED.put(file.toAbsolutePath().normalize(),
                new Verified(attributes.size(), attributes.lastModifiedTime(), pin, ok));
        return ok;
    }
}
