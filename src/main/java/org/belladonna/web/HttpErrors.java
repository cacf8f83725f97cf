package org.belladonna.web;

import io.javalin.http.BadRequestResponse;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.javalin.http.HttpStatus;
import io.javalin.http.NotFoundResponse;
import org.belladonna.images.BadImageException;
import org.belladonna.store.ImageStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Map;

/** Every error is a proper HTML page with its status code and a message a person can act on. */
public final class HttpErrors {
    private static final Logger LOG = LoggerFactory.getLogger(HttpErrors.class);

    private static final String RENDERED = "error-page-rendered";

    private final Views views;

    HttpErrors(Views views) {
        this.views = views;
    }

    void install(io.javalin.Javalin app) {
        // Javalin's own messages ("Endpoint GET /x not found") are for developers; people get ours.
        app.exception(HttpResponseException.class, (e, ctx) -> page(ctx, e.getStatus(),
                e.getMessage() != null && e.getMessage().startsWith("Endpoint ") ? null : e.getMessage()));
        app.exception(BadImageException.class, (e, ctx) -> page(ctx, 400, "That file is not an image Belladonna can use: " + e.getMessage() + "."));
        app.exception(IllegalArgumentException.class, (e, ctx) -> page(ctx, 400, e.getMessage()));
        // Jetty's own refusals while a body is read (too slow a sender: 408; broken chunking: 400) keep their status.
        app.exception(org.eclipse.jetty.http.BadMessageException.class, (e, ctx) -> page(ctx, e.getCode(),
                e.getCode() == 408 ? "The upload arrived too slowly and was stopped." : e.getReason()));
        app.exception(Exception.class, (e, ctx) -> {
            LOG.error("{} {} failed", ctx.method(), ctx.path(), e);
            page(ctx, 500, "Something went wrong on our side. The details are in the server log.");
        });
        // Statuses set without an exception (unknown routes, wrong methods) get the same page.
        for (int status : new int[]{400, 401, 403, 404, 405, 408, 413, 415, 429}) {
            app.error(status, ctx -> {
                if (ctx.attribute(RENDERED) == null) {
                    page(ctx, status, defaultMessage(status));
                }
            });
        }
    }

    /** For a handler that renders its own page with an error status (e.g. the sign-in form's 401). */
    static void markRendered(Context ctx) {
        ctx.attribute(RENDERED, true);
    }

    void page(Context ctx, int status, String message) {
        ctx.attribute(RENDERED, true);
        ctx.status(status);
        String title = HttpStatus.forStatus(status).getMessage();
        String text = message == null || message.isBlank() || message.equals(title) ? defaultMessage(status) : message;
        if (Problems.isApi(ctx)) {
            Problems.write(ctx, status, text);
        } else if (ctx.header("HX-Request") != null) {
            // htmx swaps the fragment into the page; keep it small.
            ctx.html("<p class=\"error\" role=\"alert\">" + escape(text) + "</p>");
        } else {
            try {
                views.render(ctx, "error", Map.of("status", status, "title", title, "message", text,
                        "signIn", status == 401));
            } catch (RuntimeException e) {
                // Never let a broken template turn one error into a loop of them.
                LOG.error("error page failed to render", e);
                ctx.html("<!DOCTYPE html><title>" + status + "</title><h1>" + status + " " + escape(title) + "</h1><p>" + escape(text) + "</p>");
            }
        }
        // A refused upload's body is never read (see EarlyClose).
        EarlyClose.ifBodyUnread(ctx);
    }

    private static String defaultMessage(int status) {
        return switch (status) {
            case 400 -> "The request was not understood.";
            case 401 -> "Sign in first.";
            case 403 -> "That action is not allowed here.";
            case 404 -> "There is nothing at this address.";
            case 405 -> "That action is not available at this address.";
            case 408 -> "The request arrived too slowly and was stopped.";
            case 413 -> "The upload is larger than this server accepts.";
            case 415 -> "This address does not take that kind of upload.";
            case 429 -> "Too many attempts; wait a moment and try again.";
            default -> "The request could not be completed.";
        };
    }

    static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    /** Path parameter that must be a SHA-256 hex digest: anything else is refused before it reaches the store. */
    static String hashParam(Context ctx) {
        String hash = ctx.pathParam("hash");
        if (!ImageStore.isHash(hash)) {
            throw new BadRequestResponse("That is not an image address (64 hexadecimal characters).");
        }
        return hash;
    }

    static long idParam(Context ctx, String name) {
        String raw = ctx.pathParam(name);
        if (!raw.matches("\\d{1,18}")) {
            throw new NotFoundResponse("There is nothing at this address.");
        }
        return Long.parseLong(raw);
    }

    /** The 1-based {@code ?page=} of a paginated list; 1 when absent. */
    static int pageParam(Context ctx) {
        String raw = ctx.queryParam("page");
        if (raw == null || raw.isEmpty()) {
            return 1;
        }
        if (!raw.matches("[1-9]\\d{0,5}")) {
            throw new BadRequestResponse("page must be a number from 1.");
        }
        return Integer.parseInt(raw);
    }
}
