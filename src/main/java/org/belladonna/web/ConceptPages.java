package org.belladonna.web;

import io.javalin.http.Context;
import org.belladonna.app.Studio;
import org.belladonna.images.BadImageException;

import java.io.IOException;
import java.util.Map;

/** Target concepts: the list with anchor thumbnails, and a form to make one from your own anchor images. */
final class ConceptPages {
    private final Studio studio;
    private final Views views;

    ConceptPages(Studio studio, Views views) {
        this.studio = studio;
        this.views = views;
    }

    void list(Context ctx) {
        views.render(ctx, "concepts", Map.of("concepts", studio.concepts().all()));
    }

    void create(Context ctx) throws IOException, BadImageException {
        long id;
        try (Uploads.ImageForm upload = Uploads.images(ctx, UploadRoute.CONCEPTS, "anchors")) {
            id = studio.concepts().create(upload.field("name"), upload.uploads());
        }
        // The query makes it a new address: htmx sets location, and a change of hash alone would not load the page.
        Redirects.afterForm(ctx, "/concepts?created=" + id + "#concept-" + id);
    }
}
