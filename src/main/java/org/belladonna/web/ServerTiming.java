package org.belladonna.web;

import io.javalin.http.Context;

import java.util.Locale;

/**
 * A {@code Server-Timing} header on every response: the time spent in the handler (queries and template),
 * visible in the browser's developer tools and read by {@code belladonna bench gallery}.
 */
final class ServerTiming {
    private static final String START = "server-timing-start";

    private ServerTiming() {
    }

    static void start(Context ctx) {
        ctx.attribute(START, System.nanoTime());
    }

    static void finish(Context ctx) {
        Long start = ctx.attribute(START);
        if (start != null && !ctx.res().isCommitted()) {
            double ms = (System.nanoTime() - start) / 1e6;
            ctx.header("Server-Timing", String.format(Locale.ROOT, "app;dur=%.2f", ms));
        }
    }
}
