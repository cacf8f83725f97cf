package org.belladonna.cli;

import org.belladonna.app.Studio;
import org.belladonna.images.BadImageException;
import org.belladonna.models.ModelMissingException;
import org.belladonna.models.ModelRegistry;
import org.belladonna.nima.InstalledScorer;
import org.belladonna.nima.ScorerInput;
import org.belladonna.nima.NimaScore;
import org.belladonna.nima.NimaScorer;
import org.belladonna.scores.ScorerChoice;
import org.belladonna.scores.ScoringService;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * {@code score}: NIMA scores for an experiment (stored, one per image and model) or for loose files
 * (printed only: a file outside the store belongs to no experiment, so there is nowhere honest to keep it).
 */
@Command(name = "score", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = "Score an experiment's images with a NIMA scorer (--scorer) and store the scores, or score image files and print them.")
public final class ScoreCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    DataDirOption dirs;

    @Option(names = "--experiment", paramLabel = "ID", description = "Score every image of this experiment and store the scores.")
    Long experiment;

    @Parameters(paramLabel = "IMAGE", arity = "0..*", description = "Image files to score; their scores are printed, not stored.")
    List<Path> files = List.of();

    @Option(names = {"--scorer", "--model"}, paramLabel = "NAME", defaultValue = "mobilenet",
            description = "Scorer: mobilenet (idealo's NIMA MobileNet, the default), vgg16 (yunxiaoshi's NIMA VGG16)"
                    + " or nasnet (titu1994's NIMA NASNet-Mobile, the seed study's). A manifest id such as"
                    + " nima-vgg16-aesthetic is accepted too. Scores of different scorers are not comparable.")
    String scorerName;

    @Option(names = "--batch", paramLabel = "N", defaultValue = "" + NimaScorer.DEFAULT_BATCH_SIZE,
            description = "Images per forward pass (default: ${DEFAULT-VALUE}).")
    int batch;

    private ScorerChoice scorer;

    @Override
    public Integer call() throws IOException {
        if ((experiment == null) == files.isEmpty()) {
            throw Usage.error(spec, "give either --experiment ID or IMAGE files, not " + (experiment == null ? "neither" : "both"));
        }
        if (batch < 1) {
            throw Usage.error(spec, "--batch must be at least 1, not " + batch);
        }
        try {
            scorer = ScorerChoice.parse(scorerName);
            return experiment != null ? scoreExperiment() : scoreFiles();
        } catch (ModelMissingException | IllegalArgumentException e) {
            throw new UserError(e.getMessage());
        }
    }

    private int scoreExperiment() throws IOException {
        Studio studio = dirs.open();
        if (studio.gallery().experiment(experiment).isEmpty()) {
            throw new UserError("there is no experiment " + experiment);
        }
        ScoringService scoring = studio.scoring();
        ScoringService.Readiness readiness = scoring.readiness(scorer);
        if (!readiness.ready()) {
            throw new UserError(readiness.problem() + " Install them with: " + readiness.installCommand());
        }
        ScoringService.Run run;
        try (ProgressBars bars = new ProgressBars()) {
            run = scoring.scoreExperiment(experiment, scorer.modelId(), batch, bars);
        }
        System.out.printf("Scored %d of %d images of experiment %d with %s, model id %s (weights %s).%n",
                run.scored(), run.total(), experiment, scorer.kind().displayName(), scorer.modelId(), run.modelVersion());
        return 0;
    }

    private int scoreFiles() throws IOException {
        List<BufferedImage> images = new ArrayList<>();
        for (Path file : files) {
            try {
                // As the scorers' upstream pipelines read images: raw samples, embedded ICC profile ignored.
                images.add(ScorerInput.decode(file));
            } catch (BadImageException e) {
                throw new UserError(file + ": " + e.getMessage());
            } catch (IOException e) {
                throw new UserError(file + ": cannot read it (" + e.getMessage() + ")");
            }
        }
        List<NimaScore> scores = new ArrayList<>();
        String version;
        try (InstalledScorer installed = InstalledScorer.load(new ModelRegistry(dirs.modelsDir()), scorer.modelId(), batch);
             ProgressBars bars = new ProgressBars()) {
            version = installed.modelVersion();
            for (int from = 0; from < images.size(); from += batch) {
                scores.addAll(installed.score(images.subList(from, Math.min(images.size(), from + batch))));
                bars.update("scoring", scores.size(), images.size());
            }
        }
        System.out.println("# scorer: " + scorer.kind().displayName() + ", model id " + scorer.modelId() + ", weights "
                + version + ", preprocessing: " + scorer.kind().preprocessing());
        System.out.println("mean\tstd\tfile");
        for (int i = 0; i < files.size(); i++) {
            System.out.printf(Locale.ROOT, "%.3f\t%.3f\t%s%n", scores.get(i).mean(), scores.get(i).std(), files.get(i));
        }
        return 0;
    }
}
