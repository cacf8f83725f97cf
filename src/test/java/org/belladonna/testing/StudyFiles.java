package org.belladonna.testing;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/** A small study on disk in the plain layout: prompts × before/after × seeds of generated PNGs. */
public final class StudyFiles {
    static final List<String> RELATED = List.of("Water Lilies", "Haystacks");
    static final List<String> CONTROL = List.of("headphones");

    private StudyFiles() {
    }

    public static Path plainFolder(Path dir, int seeds) {
        try {
            StringBuilder prompts = new StringBuilder("prompt,group\n");
            int p = 0;
            for (String prompt : Stream.concat(RELATED.stream(), CONTROL.stream()).toList()) {
                prompts.append('"').append(prompt).append("\",").append(RELATED.contains(prompt) ? "related" : "control").append('\n');
                for (String variant : List.of("before", "after")) {
                    Path d = Files.createDirectories(dir.resolve(prompt).resolve(variant));
                    for (int seed = 0; seed < seeds; seed++) {
                        long content = p * 1000L + (variant.equals("after") ? 500 : 0) + seed;
                        Files.write(d.resolve("seed-" + seed + ".png"), TestImages.png(24, 24, content));
                    }
                }
                p++;
            }
            Files.writeString(dir.resolve("prompts.csv"), prompts);
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A scores.csv for {@link #plainFolder}: model "nima", related prompts about 8 % lower after, controls about 1 %. */
    public static void scores(Path dir, int seeds) throws IOException {
        StringBuilder csv = new StringBuilder("file,model_id,model_version,mean\n");
        for (String prompt : Stream.concat(RELATED.stream(), CONTROL.stream()).toList()) {
            for (String variant : List.of("before", "after")) {
                for (int seed = 0; seed < seeds; seed++) {
                    double factor = variant.equals("before") ? 1 : RELATED.contains(prompt) ? 0.92 : 0.99;
                    double mean = 5.3 * factor + ((seed * 7) % 5 - 2) * 0.05;
                    csv.append('"').append(prompt).append('/').append(variant).append("/seed-").append(seed).append(".png\",nima,v1,")
                            .append(mean).append('\n');
                }
            }
        }
        Files.writeString(dir.resolve("scores.csv"), csv);
    }

    /** The folder's files as a ZIP, names relative to the folder, in sorted order. */
    public static Path zip(Path folder, Path zipFile) {
        try (OutputStream o = Files.newOutputStream(zipFile); ZipOutputStream zip = new ZipOutputStream(o);
             Stream<Path> files = Files.walk(folder)) {
            for (Path f : files.filter(Files::isRegularFile).sorted().toList()) {
                zip.putNextEntry(new ZipEntry(folder.relativize(f).toString().replace('\\', '/')));
                zip.write(Files.readAllBytes(f));
                zip.closeEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return zipFile;
    }
}
