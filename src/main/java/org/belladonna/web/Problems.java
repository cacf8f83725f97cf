package org.belladonna.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;

import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Errors of the JSON API as RFC 9457 problem details ({@code application/problem+json}): programs read
 * {@code status} and {@code detail}, never an HTML page. The type is {@code about:blank}, so the title is
 * the status's own phrase, as the RFC asks; {@code detail} says what to change.
 */
final class Problems {
    static final String MEDIA_TYPE = "application/problem+json";
    private static final ObjectMapper JSON = new ObjectMapper();

    private Problems() {
    }

    /** True for requests to the JSON API, whose errors are problem documents. */
    static boolean isApi(Context ctx) {
        return ctx.path().startsWith(ApiAuth.PREFIX);
    }

    static void write(Context ctx, int status, String detail) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("type", "about:blank");
        doc.put("title", HttpStatus.forStatus(status).getMessage());
        doc.put("status", status);
        doc.put("detail", detail);
        doc.put("instance", ctx.path());
        if (status == 401) {
            ctx.header("WWW-Authenticate", "Bearer realm=\"belladonna\"");
        }
        try {
            ctx.status(status).contentType(MEDIA_TYPE).result(JSON.writeValueAsString(doc));
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
