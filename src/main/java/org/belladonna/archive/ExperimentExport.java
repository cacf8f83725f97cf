package org.belladonna.archive;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.belladonna.csv.CsvOutput;
import org.belladonna.images.ImageFormat;
import org.belladonna.store.Images;
import org.belladonna.store.Prompts;
import org.belladonna.store.Records.Experiment;
import org.belladonna.store.Records.Prompt;
import org.belladonna.store.Scores;
import org.belladonna.store.Store;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import static org.belladonna.csv.CsvOutput.number;
import static org.belladonna.csv.CsvOutput.text;

/**
 * An experiment as a ZIP that {@link Importer} reads back into the same tables: {@code experiment.json},
 * {@code prompts.csv} (every prompt in order, with its group), {@code manifest.csv} (one row per image),
 * {@code scores.csv} (every score, model id and version kept; re-imported ones are flagged imported) and
 * {@code images/<sha256>.<ext>} once per distinct file. Entries carry a fixed timestamp, so the same
 * experiment always gives the same bytes.
 */
public final class ExperimentExport {
    private static final long FIXED_TIME = 315_532_800_000L; // 1980-01-01, the ZIP epoch
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Store store;

    public ExperimentExport(Store store) {
        this.store = store;
    }

    public void write(Experiment experiment, OutputStream out) throws IOException {
        List<Prompt> prompts = store.read(h -> Prompts.list(h, experiment.id()));
        List<Images.ExportRow> rows = store.read(h -> Images.forExport(h, experiment.id()));
        List<Scores.Scored> scores = store.read(h -> Scores.ofExperiment(h, experiment.id(), null));
        ZipOutputStream zip = new ZipOutputStream(out, StandardCharsets.UTF_8);
        ObjectNode info = JSON.createObjectNode().put("name", experiment.name())
                .put("description", experiment.description()).put("concept", experiment.concept())
                .put(ImportLayout.FORMULA_GUARD, true);
        // The scorer the study named travels with it, so the copy still warns when other scores are analysed.
        List<String> studyScorers = store.read(h -> org.belladonna.store.ExperimentImports.of(h, experiment.id())).stream()
                .map(org.belladonna.store.ExperimentImports.Import::studyScorer).filter(x -> !x.isBlank()).distinct().toList();
        if (!studyScorers.isEmpty()) {
            info.put("scorer", String.join("; ", studyScorers));
        }
        entry(zip, ImportLayout.EXPERIMENT_JSON, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(info) + "\n");

        // Every text cell is formula-safe (a prompt "=HYPERLINK(...)" opens as text in a spreadsheet);
        // experiment.json says so, and the importer takes exactly that guard off again.
        CsvOutput promptsCsv = new CsvOutput().row("prompt", "group");
        prompts.forEach(p -> promptsCsv.cells(text(p.text()), text(p.related() ? "related" : "control")));
        entry(zip, ImportLayout.PROMPTS_CSV, promptsCsv.toString());

        CsvOutput manifest = new CsvOutput().row("file", "prompt", "variant", "seed", "group", "source_name", "metadata");
        Map<Long, Images.ExportRow> byId = new HashMap<>();
        for (Images.ExportRow r : rows) {
            byId.put(r.id(), r);
            manifest.cells(text(fileName(r)), text(r.promptText()), text(r.variant()),
                    number(r.seed() == null ? "" : r.seed().toString()), text(r.related() ? "related" : "control"),
                    text(r.sourceName()), text(r.metadata()));
        }
        entry(zip, ImportLayout.MANIFEST_CSV, manifest.toString());

        CsvOutput scoresCsv = new CsvOutput().row("file", "prompt", "variant", "model_id", "model_version", "mean", "std",
                "distribution");
        for (Scores.Scored s : scores) {
            Images.ExportRow r = byId.get(s.imageId());
            // Double.toString is the shortest text that parses back to the same double: scores survive exactly.
            scoresCsv.cells(text(fileName(r)), text(r.promptText()), text(r.variant()), text(s.modelId()),
                    text(s.modelVersion()), number(Double.toString(s.mean())),
                    number(s.std() == null ? "" : Double.toString(s.std())),
                    text(s.distribution() == null ? "" : s.distribution()));
        }
        entry(zip, ImportLayout.SCORES_CSV, scoresCsv.toString());

        Set<String> written = new HashSet<>();
        for (Images.ExportRow r : rows) {
            if (written.add(r.hash())) {
                stored(zip, fileName(r), store.files().read(r.hash()));
            }
        }
        zip.finish();
        zip.flush();
    }

    private static String fileName(Images.ExportRow r) {
        return "images/" + r.hash() + "." + ImageFormat.extension(r.format());
    }

    private static void entry(ZipOutputStream zip, String name, String content) throws IOException {
        ZipEntry e = new ZipEntry(name);
        e.setTime(FIXED_TIME);
        zip.putNextEntry(e);
        zip.write(content.getBytes(StandardCharsets.UTF_8));
        zip.closeEntry();
    }

    /** Images are already compressed; storing them saves the CPU that deflating would waste. */
    private static void stored(ZipOutputStream zip, String name, byte[] bytes) throws IOException {
        ZipEntry e = new ZipEntry(name);
        e.setTime(FIXED_TIME);
        e.setMethod(ZipEntry.STORED);
        e.setSize(bytes.length);
        e.setCompressedSize(bytes.length);
        CRC32 crc = new CRC32();
        crc.update(bytes);
        e.setCrc(crc.getValue());
        zip.putNextEntry(e);
        zip.write(bytes);
        zip.closeEntry();
    }
}
