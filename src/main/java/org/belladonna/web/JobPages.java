package org.belladonna.web;

import io.javalin.http.Context;
import io.javalin.http.ForbiddenResponse;
import org.belladonna.accounts.Role;
import io.javalin.http.NotFoundResponse;
import org.belladonna.app.Studio;
import org.belladonna.store.Records.Job;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.util.HashMap;
import java.util.Map;

/** Live progress of a background job (htmx polls the fragment until the job ends) and its cancel button. */
final class JobPages {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Who may stop a job of each kind, by the area its work belongs to; a kind not listed, anyone signed in. */
    static final Map<String, Role> CANCELLED_BY = Map.of("protect", Role.ARTIST, "score", Role.REVIEWER,
            "import", Role.REVIEWER, "install-models", Role.ADMIN);

    private final Studio studio;
    private final Views views;

    JobPages(Studio studio, Views views) {
        this.studio = studio;
        this.views = views;
    }

    void progress(Context ctx) {
        Job job = find(ctx);
        Map<String, Object> model = new HashMap<>();
        model.put("job", job);
        model.put("outcome", outcome(job));
        views.render(ctx, "job", model);
    }

    void cancel(Context ctx) {
        Job job = find(ctx);
        // Signed in, only someone whose role does this kind of work may stop it (an admin may stop any).
        var session = SignInGate.session(ctx);
        Role needed = CANCELLED_BY.get(job.kind());
        if (session != null && needed != null && !session.user().role().covers(needed)) {
            throw new ForbiddenResponse("Your account (" + session.user().role().id() + ") cannot stop this job; it needs "
                    + needed.id() + ".");
        }
        studio.jobs().cancel(job.id());
        progress(ctx);
    }

    private Job find(Context ctx) {
        long id = HttpErrors.idParam(ctx, "id");
        return studio.jobs().find(id).orElseThrow(() -> new NotFoundResponse("There is no job " + id + "."));
    }

    /** What a finished job says about its result: an optional "message" and "href" in its result JSON. */
    record Outcome(String message, String href) {
    }

    static Outcome outcome(Job job) {
        if (job.result() == null || !"done".equals(job.state())) {
            return null;
        }
        try {
            JsonNode r = JSON.readTree(job.result());
            String href = r.path("href").asText("");
            // Only links within this site: a result can never send the reviewer elsewhere.
            return new Outcome(r.path("message").asText(""), href.matches("/[A-Za-z0-9/_-]*") ? href : "");
        } catch (IOException e) {
            return null;
        }
    }
}
