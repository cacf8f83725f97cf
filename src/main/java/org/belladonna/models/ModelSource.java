package org.belladonna.models;

import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/** Where model files come from: their upstream URL, or a local mirror folder holding the same files. */
public interface ModelSource {
    /** An open download; {@code size} is -1 when the source does not say. */
    record Download(InputStream body, long size) {
    }

    Download open(ModelManifest.Model model) throws IOException;

    /** Human-readable origin of a model's file, for messages. */
    String describe(ModelManifest.Model model);

    /** The mirror in {@code BELLADONNA_MODEL_MIRROR} if set, else upstream. */
    static ModelSource fromEnvironment() {
        String mirror = System.getenv("BELLADONNA_MODEL_MIRROR");
        return mirror == null || mirror.isBlank() ? upstream() : mirror(Path.of(mirror));
    }

    static ModelSource mirror(Path dir) {
        return new ModelSource() {
            @Override
            public Download open(ModelManifest.Model model) throws IOException {
                Path file = dir.resolve(model.file());
                if (!Files.isRegularFile(file)) {
                    throw new IOException("the mirror " + dir + " has no " + model.file());
                }
                return new Download(Files.newInputStream(file), Files.size(file));
            }

            @Override
            public String describe(ModelManifest.Model model) {
                return dir.resolve(model.file()).toString();
            }
        };
    }

    static ModelSource upstream() {
        HttpClient client = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL)
                .connectTimeout(Duration.ofSeconds(20)).build();
        return new ModelSource() {
            @Override
            public Download open(ModelManifest.Model model) throws IOException {
                HttpRequest request = HttpRequest.newBuilder(model.url()).GET().build();
                HttpResponse<InputStream> response;
                try {
                    response = client.send(request, HttpResponse.BodyHandlers.ofInputStream());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IOException("download of " + model.url() + " was interrupted", e);
                } catch (IOException e) {
                    throw DownloadFailure.of(model.url(), e);
                }
                if (response.statusCode() != 200) {
                    response.body().close();
                    throw DownloadFailure.status(model.url(), response.statusCode());
                }
                return new Download(response.body(), response.headers().firstValueAsLong("content-length").orElse(-1));
            }

            @Override
            public String describe(ModelManifest.Model model) {
                return model.url().toString();
            }
        };
    }
}
