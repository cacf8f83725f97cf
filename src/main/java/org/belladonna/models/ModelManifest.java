package org.belladonna.models;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.List;
import java.util.Optional;

/** The known models, read from {@code models/manifest.json} (bundled in the jar). */
public record ModelManifest(List<Model> models) {
    private static final String RESOURCE = "/models/manifest.json";

    /** One entry: where its file comes from and how it is verified. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Model(String id, String name, String role, @JsonProperty("default") boolean isDefault,
                        String file, URI url, Pin pin, String licence, String input, String output) {
    }

    public static ModelManifest bundled() {
        return Bundled.MANIFEST;
    }

    public static ModelManifest read(InputStream json) throws IOException {
        Root root = new ObjectMapper().readValue(json, Root.class);
        for (Model m : root.models) {
            if (m.id() == null || m.file() == null || m.pin() == null) {
                throw new IOException("manifest entry " + m.id() + " needs id, file and pin");
            }
        }
        return new ModelManifest(List.copyOf(root.models));
    }

    public Optional<Model> find(String id) {
        return models.stream().filter(m -> m.id().equals(id)).findFirst();
    }

    /** The model, or an error that lists the ids there are. */
    public Model require(String id) {
        return find(id).orElseThrow(() -> new IllegalArgumentException("unknown model id '" + id
                + "'; known: " + String.join(", ", models.stream().map(Model::id).toList())));
    }

    public List<Model> defaults() {
        return models.stream().filter(Model::isDefault).toList();
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    private record Root(List<Model> models) {
    }

    private static final class Bundled {
        static final ModelManifest MANIFEST = load();

        private static ModelManifest load() {
            try (InputStream in = ModelManifest.class.getResourceAsStream(RESOURCE)) {
                if (in == null) {
                    throw new IllegalStateException(RESOURCE + " is missing from the classpath");
                }
                return read(in);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the bundled " + RESOURCE, e);
            }
        }
    }
}
