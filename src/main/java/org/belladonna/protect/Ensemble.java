package org.belladonna.protect;

import org.belladonna.models.ModelRegistry;
import org.belladonna.vae.Family;
import org.belladonna.vae.LatentDecoder;
import org.belladonna.vae.Surrogate;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The surrogate encoders a protection is optimised against, the installed ones it is only measured on (held
 * out: how an artist learns which models the protection does not reach), the decoders that render what each
 * family sees, and the families not installed here (not covered, with their install command). A protection
 * moves only the latents of the families it is optimised against: there is no transfer between families.
 * Owns and closes every loaded network.
 */
public final class Ensemble implements AutoCloseable {
    /** A family whose encoder is not installed here, and the command that installs it. */
    public record Missing(Family family, String installCommand) {
    }

    private final List<Surrogate> optimised;
    private final List<Surrogate> heldOut;
    private final Map<String, LatentDecoder> decoders;
    private final List<Missing> missing;

    /**
     * @param optimised at least one encoder; the first is the primary family of the report
     * @param decoders  by surrogate name; families without one get no model's-eye views
     */
    public Ensemble(List<Surrogate> optimised, List<Surrogate> heldOut, Map<String, LatentDecoder> decoders,
                    List<Missing> missing) {
        if (optimised.isEmpty()) {
            throw new IllegalArgumentException("a protection needs at least one surrogate family to optimise against");
        }
        this.optimised = List.copyOf(optimised);
        this.heldOut = List.copyOf(heldOut);
        this.decoders = Map.copyOf(decoders);
        this.missing = List.copyOf(missing);
    }

    /** One encoder, nothing held out: the engine's tests and benchmarks of a single network. */
    public static Ensemble of(Surrogate encoder) {
        return new Ensemble(List.of(encoder), List.of(), Map.of(), List.of());
    }

    /**
     * Loads the encoders of {@code optimise} (all must be installed), every other installed encoder as held
     * out, and, when {@code views}, each of those families' decoder where it is installed.
     *
     * @throws org.belladonna.models.ModelMissingException naming the install command of a family to optimise
     */
    public static Ensemble open(ModelRegistry registry, List<Family> optimise, boolean views) throws IOException {
        List<Surrogate> loaded = new ArrayList<>();
        Map<String, LatentDecoder> decoders = new LinkedHashMap<>();
        try {
            List<Surrogate> optimised = new ArrayList<>();
            for (Family f : optimise) {
                optimised.add(load(Surrogate.load(f, registry), loaded));
            }
            List<Surrogate> heldOut = new ArrayList<>();
            List<Missing> missing = new ArrayList<>();
            for (Family f : Family.values()) {
                if (optimise.contains(f)) {
                    continue;
                }
                if (installed(registry, f.encoderId())) {
                    heldOut.add(load(Surrogate.load(f, registry), loaded));
                } else {
                    missing.add(new Missing(f, registry.status(f.encoderId()).installCommand()));
                }
            }
            if (views) {
                for (Surrogate s : loaded) {
                    Family f = s.family().orElseThrow();
                    if (installed(registry, f.decoderId())) {
                        decoders.put(s.name(), LatentDecoder.load(f, registry));
                    }
                }
            }
            return new Ensemble(optimised, heldOut, decoders, missing);
        } catch (IOException | RuntimeException e) {
            loaded.forEach(Surrogate::close);
            decoders.values().forEach(LatentDecoder::close);
            throw e;
        }
    }

    /** The families whose encoder is installed and verified here, in {@link Family} order: the default ensemble. */
    public static List<Family> installedFamilies(ModelRegistry registry) throws IOException {
        List<Family> families = new ArrayList<>();
        for (Family f : Family.values()) {
            if (installed(registry, f.encoderId())) {
                families.add(f);
            }
        }
        return families;
    }

    private static boolean installed(ModelRegistry registry, String id) throws IOException {
        return registry.status(id).status() == ModelRegistry.Status.INSTALLED;
    }

    private static Surrogate load(Surrogate s, List<Surrogate> loaded) {
        loaded.add(s);
        return s;
    }

    public List<Surrogate> optimised() {
        return optimised;
    }

    public List<Surrogate> heldOut() {
        return heldOut;
    }

    /** Optimised first, then held out. */
    public List<Surrogate> all() {
        List<Surrogate> all = new ArrayList<>(optimised);
        all.addAll(heldOut);
        return all;
    }

    public Optional<LatentDecoder> decoder(Surrogate s) {
        return Optional.ofNullable(decoders.get(s.name()));
    }

    public List<Missing> missing() {
        return missing;
    }

    @Override
    public void close() {
        optimised.forEach(Surrogate::close);
        heldOut.forEach(Surrogate::close);
        decoders.values().forEach(LatentDecoder::close);
    }
}
