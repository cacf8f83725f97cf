package org.belladonna.web;

import io.javalin.http.BadRequestResponse;
import io.javalin.http.Context;
import org.belladonna.images.Upload;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** Image uploads of a multipart form, held in memory as the services check them. */
final class Uploads {
    private static final int MAX_NAME = 200;

    private Uploads() {
    }

    /** The form's text fields and the images of its one file field; close it when done with them. */
    record ImageForm(MultipartForm form, List<Upload> uploads) implements AutoCloseable {
        String field(String name) {
            return form.field(name);
        }

        @Override
        public void close() {
            form.close();
        }
    }

    /** Reads the form, holding each file of {@code field} in memory (at most the route's limit per file). */
    static ImageForm images(Context ctx, UploadRoute route, String field) throws IOException {
        List<Upload> uploads = new ArrayList<>();
        MultipartForm form = MultipartForm.read(ctx, route, (name, fileName, content) -> {
            if (!name.equals(field)) {
                throw new BadRequestResponse("This form takes files only in its \"" + field + "\" field.");
            }
            byte[] bytes = content.readAllBytes();
            if (fileName.isBlank() && bytes.length == 0) {
                return; // a file input left empty still sends an empty part
            }
            uploads.add(new Upload(displayName(fileName), bytes));
        });
        return new ImageForm(form, uploads);
    }

    /** Only the last path segment of an uploaded file's name, without control characters, and not endless. */
    static String displayName(String name) {
        if (name == null) {
            return "upload";
        }
        String base = name.substring(Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\')) + 1)
                .replaceAll("\\p{Cntrl}", "").strip();
        if (base.isEmpty()) {
            return "upload";
        }
        return base.length() > MAX_NAME ? base.substring(0, MAX_NAME) : base;
    }
}
