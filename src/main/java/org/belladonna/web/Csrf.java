package org.belladonna.web;

import io.javalin.http.Context;
import io.javalin.http.ForbiddenResponse;
import io.javalin.http.HandlerType;

import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Set;

/**
 * Double-submit CSRF protection: a random token lives in a SameSite=Strict cookie and every
 * state-changing request must echo it in the {@code X-CSRF-Token} header (htmx sends it from the body's
 * {@code hx-headers}) or in a {@code _csrf} form field. A page on another origin can neither read the
 * cookie nor set the header.
 */
public final class Csrf {
    static final String COOKIE = "belladonna_csrf";
    static final String HEADER = "X-CSRF-Token";
    static final String FIELD = "_csrf";
    private static final String ATTRIBUTE = "csrf-token";
    private static final Set<HandlerType> SAFE = Set.of(HandlerType.GET, HandlerType.HEAD, HandlerType.OPTIONS);
    private static final SecureRandom RANDOM = new SecureRandom();

    private Csrf() {
    }

    /** Before-handler: issues the cookie when missing and checks unsafe methods. */
    public static void check(Context ctx) {
        String cookie = ctx.cookie(COOKIE);
        boolean valid = cookie != null && cookie.matches("[A-Za-z0-9_-]{43}");
        if (SAFE.contains(ctx.method())) {
            if (!valid) {
                cookie = newToken();
                ctx.res().addHeader("Set-Cookie", COOKIE + "=" + cookie + "; Path=/; HttpOnly; SameSite=Strict");
            }
            ctx.attribute(ATTRIBUTE, cookie);
            return;
        }
        String sent = ctx.header(HEADER);
        if (sent == null && isForm(ctx)) {
            sent = ctx.formParam(FIELD);
        }
        if (!valid || sent == null || !MessageDigest.isEqual(cookie.getBytes(), sent.getBytes())) {
            throw new ForbiddenResponse("This form has expired or did not come from Belladonna. Reload the page and try again.");
        }
        ctx.attribute(ATTRIBUTE, cookie);
    }

    public static String token(Context ctx) {
        String t = ctx.attribute(ATTRIBUTE);
        return t == null ? "" : t;
    }

    private static boolean isForm(Context ctx) {
        String type = ctx.contentType();
        return type != null && (type.startsWith("application/x-www-form-urlencoded") || type.startsWith("multipart/form-data"));
    }

    private static String newToken() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
