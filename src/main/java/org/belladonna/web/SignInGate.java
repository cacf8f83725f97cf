package org.belladonna.web;

import io.javalin.http.Context;
import io.javalin.http.ForbiddenResponse;
import io.javalin.http.HandlerType;
import io.javalin.http.HttpStatus;
import io.javalin.http.UnauthorizedResponse;
import org.belladonna.accounts.AccountService;
import org.belladonna.accounts.Role;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Who may do what, from the session cookie alone (before any body is read). On a loopback bind nobody has
 * to sign in: one person at their own machine. Anywhere else nothing but {@link #PUBLIC} is served without
 * a session: pages redirect to the sign-in page, other requests get 401. Each area of the studio needs a
 * role ({@link #AREAS}, first matching prefix); an admin may use all of them. The JSON API under
 * {@code /api/} is {@link ApiAuth}'s: it answers 401/403 problems, never a sign-in redirect.
 */
final class SignInGate {
    static final String COOKIE = "belladonna_session";
    private static final String SESSION = "signed-in-session";
    /** Served to anyone: the health check, the sign-in page and what it needs to look right. */
    private static final List<String> PUBLIC = List.of("/health", "/login", "/static/", "/webjars/", "/favicon.ico");
    /** Path prefix -> the role it needs (null: any signed-in account). First match wins. */
    private static final Map<String, Role> AREAS = new LinkedHashMap<>();

    static {
        AREAS.put("/models/status", null); // the home page's model fragment, for everyone
        AREAS.put("/models", Role.ADMIN);
        AREAS.put("/kiosk", Role.ADMIN);
        AREAS.put("/show", Role.ADMIN);    // the preview of the exhibition show
        AREAS.put("/users", Role.ADMIN);
        AREAS.put("/protect", Role.ARTIST);
        AREAS.put("/concepts", Role.ARTIST);
        AREAS.put("/experiments", Role.REVIEWER);
    }

    private final AccountService accounts;
    private final boolean required;

    /** {@code required}: the server listens beyond loopback (and is not the read-only kiosk). */
    SignInGate(AccountService accounts, boolean required) {
        this.accounts = accounts;
        this.required = required;
    }

    boolean required() {
        return required;
    }

    void check(Context ctx) {
        String cookie = ctx.cookie(COOKIE);
        AccountService.Session session = cookie == null ? null : accounts.session(cookie).orElse(null);
        if (session != null) {
            ctx.attribute(SESSION, session);
        }
        String path = ctx.path();
        // The JSON API answers with 401/403 problems, never a sign-in redirect: ApiAuth decides there.
        if (!required || isPublic(path) || path.startsWith(ApiAuth.PREFIX)) {
            return;
        }
        if (session == null) {
            if (ctx.method() == HandlerType.GET || ctx.method() == HandlerType.HEAD) {
                // ctx.redirect, not RedirectResponse: thrown from a before-handler that one carries no Location.
                String here = path + (ctx.queryString() == null ? "" : "?" + ctx.queryString());
                ctx.redirect("/login?next=" + URLEncoder.encode(here, StandardCharsets.UTF_8), HttpStatus.SEE_OTHER);
                return;
            }
            throw new UnauthorizedResponse("Sign in first: this studio is shared on a network, so every change needs an account.");
        }
        Role needed = needed(path);
        if (needed != null && !session.user().role().covers(needed)) {
            throw new ForbiddenResponse("Your account (" + session.user().role().id() + ") cannot use this part of the studio; it needs "
                    + needed.id() + ". Ask an admin.");
        }
    }

    /** The signed-in session of this request, or null. */
    static AccountService.Session session(Context ctx) {
        return ctx.attribute(SESSION);
    }

    static Role needed(String path) {
        for (var area : AREAS.entrySet()) {
            if (path.equals(area.getKey()) || path.startsWith(area.getKey().endsWith("/") ? area.getKey() : area.getKey() + "/")) {
                return area.getValue();
            }
        }
        return null;
    }

    static boolean isPublic(String path) {
        for (String p : PUBLIC) {
            if (p.endsWith("/") ? path.startsWith(p) : path.equals(p)) {
                return true;
            }
        }
        return false;
    }

    /** HttpOnly and SameSite=Strict; Secure only when the browser speaks HTTPS to us (else it would drop it). */
    static String cookie(String value, boolean https) {
        return COOKIE + "=" + value + "; Path=/; Max-Age=" + AccountService.LIFETIME.toSeconds()
                + "; HttpOnly; SameSite=Strict" + (https ? "; Secure" : "");
    }

    static String expiredCookie() {
        return COOKIE + "=; Path=/; Max-Age=0; HttpOnly; SameSite=Strict";
    }
}
