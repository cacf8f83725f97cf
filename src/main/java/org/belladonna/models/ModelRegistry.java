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
 *
 * <p>An {@link Pin#UNPINNED unpinned} entry (upstream publishes no digest) is trusted on first install:
 * the file is only checked to be of the format its name says (so an HTML error page is refused), its
 * SHA-256 is recorded beside it in {@code FILE.sha256} (the format {@code sha256sum -c} reads) and from
 * then on the file is verified against that record like a pin. {@link Entry#unpinned()} and
 * {@link Entry#recordedSha256()} say so; the status stays {@link Status#INSTALLED} so existing
 * exhaustive switches over it keep compiling.
 */
public final class ModelRegistry {
    public enum Status { INSTALLED, MISSING, CORRUPT }

    /** Suffix of the file beside an unpinned model that records its SHA-256 at install. */
    public static final String SHA256_SUFFIX = ".sha256";

    /**
     * One model's state in this folder.
     *
     * @param recordedSha256 for an unpinned model, the SHA-256 recorded at install (null if none was, or if pinned)
     */
    public record Entry(ModelManifest.Model model, Status status, Path file, String installCommand, String recordedSha256) {
        /** Installed from an entry whose upstream publishes no digest: verified only against its own install. */
        public boolean unpinned() {
            return !model.pin().pinned();
        }

        /**
         * What scores made with this file are stored under: the pin's digest, or "unpinned sha256:HEX" for an
         * unpinned model, so such scores stay recognisable once a pin is set.
         */
        public String version() {
            return unpinned() ? "unpinned sha256:" + recordedSha256 : model.pin().hex();
        }
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
            case CORRUPT -> throw new ModelMissingException(id, "model file " + e.file() + (!e.unpinned()
                    ? " does not match its pin (" + e.model().pin() + ")"
                    : e.recordedSha256() == null ? " is unpinned and has no SHA-256 recorded at install (" + e.file()
                    + SHA256_SUFFIX + ")" : " no longer matches the SHA-256 recorded at install (" + e.recordedSha256() + ")")
                    + "; reinstall it with: " + e.installCommand() + " --force");
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
        String recorded = model.pin().pinned() ? null : recordedSha256(file);
        Status status;
        if (!Files.isRegularFile(file)) {
            status = Status.MISSING;
        } else if (model.pin().pinned()) {
            status = verified(file, model.pin()) ? Status.INSTALLED : Status.CORRUPT;
        } else {
            status = recorded != null && verified(file, new Pin(Pin.Kind.SHA256, recorded)) ? Status.INSTALLED : Status.CORRUPT;
        }
        return new Entry(model, status, file, installCommand(model), recorded);
    }

    /** The SHA-256 in {@code FILE.sha256} ("HEX  NAME", as sha256sum writes it), or null. */
    private static String recordedSha256(Path file) throws IOException {
        Path record = sidecar(file);
        if (!Files.isRegularFile(record)) {
            return null;
        }
        String[] fields = Files.readString(record).trim().split("\\s+");
        return fields.length > 0 && fields[0].matches("[0-9a-fA-F]{64}") ? fields[0].toLowerCase(java.util.Locale.ROOT) : null;
    }

    private static Path sidecar(Path file) {
        return file.resolveSibling(file.getFileName() + SHA256_SUFFIX);
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
            if (model.pin().pinned() && !actual.equals(model.pin().hex())) {
                throw new IOException("refused " + model.id() + " from " + source.describe(model) + ": "
                        + model.pin().kind().json + " is " + actual + ", expected " + model.pin().hex()
                        + "; nothing was replaced");
            }
            if (!model.pin().pinned()) {
                checkFormat(model, source, part);
                Path record = Files.createTempFile(dir, "." + model.file() + ".", ".sha256.part");
                try {
                    Files.writeString(record, actual + "  " + model.file() + "\n");
                    Files.move(record, sidecar(target), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                } finally {
                    Files.deleteIfExists(record);
                }
            }
            Files.move(part, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            remember(target, model.pin().pinned() ? model.pin() : new Pin(Pin.Kind.SHA256, actual), true);
        } finally {
            Files.deleteIfExists(part);
        }
    }

    /**
     * Without a pin, a download is at least checked to be the format its name says: a {@code .pth}/{@code .pt}
     * is a torch.save zip, a {@code .h5}/{@code .hdf5} an HDF5 file. Catches the HTML error and
     * confirmation pages that file hosts answer with status 200.
     */
    private static void checkFormat(ModelManifest.Model model, ModelSource source, Path part) throws IOException {
        String name = model.file().toLowerCase(java.util.Locale.ROOT);
        byte[] magic = name.endsWith(".pth") || name.endsWith(".pt") ? new byte[] {'P', 'K', 3, 4}
                : name.endsWith(".h5") || name.endsWith(".hdf5") ? new byte[] {(byte) 0x89, 'H', 'D', 'F', '\r', '\n', 0x1a, '\n'}
                : new byte[0];
        byte[] head = new byte[64];
        int n;
        try (InputStream in = Files.newInputStream(part)) {
            n = in.readNBytes(head, 0, head.length);
        }
        for (int i = 0; i < magic.length; i++) {
            if (i >= n || head[i] != magic[i]) {
                String start = new String(head, 0, Math.min(n, 40), java.nio.charset.StandardCharsets.ISO_8859_1)
                        .replaceAll("[^\\x20-\\x7e]", ".");
                throw new IOException("refused " + model.id() + " from " + source.describe(model) + ": it has no pin, and "
                        + "the file is not " + (magic.length == 4 ? "a torch.save zip" : "an HDF5 file") + " (it starts with \""
                        + start + "\"); nothing was installed");
            }
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
