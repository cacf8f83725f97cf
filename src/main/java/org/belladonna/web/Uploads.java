package org.belladonna.web;

import io.javalin.http.Context;
import io.javalin.http.UploadedFile;
import org.belladonna.images.Upload;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

/** The files of a multipart form field, as uploads the services check. */
final class Uploads {
    private static final int MAX_NAME = 200;

    private Uploads() {
    }

    static List<Upload> of(Context ctx, String field) throws IOException {
        List<Upload> uploads = new ArrayList<>();
        for (UploadedFile file : ctx.uploadedFiles(field)) {
            String name = file.filename() == null ? "" : file.filename().strip();
            if (name.isEmpty() && file.size() == 0) {
                continue; // a file input left empty still sends an empty part
            }
            try (InputStream in = file.content()) {
                uploads.add(new Upload(displayName(name), in.readAllBytes()));
            }
        }
        return uploads;
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
