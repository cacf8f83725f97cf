package org.belladonna.web;

import io.javalin.http.Context;
import io.javalin.http.ForbiddenResponse;
import io.javalin.http.HandlerType;
import org.belladonna.accounts.AccountService;
import org.belladonna.accounts.Secrets;

import java.util.Set;

/**
 * The form token, checked from headers and the query string only, never from the body: reading a multipart
 * body to find a token would make a tokenless 200 MB upload cost 200 MB (and let a slow one hold a thread).
 * Every state-changing request sends it as the {@code X-CSRF-Token} header (htmx adds it from the page's
 * {@code <meta name="csrf-token">}) or as {@code ?_csrf=} on a plain form's action URL.
 *
 * <p>Signed in, the token is the session's own (synchronizer token). Without a session (a studio on
 * loopback, and the sign-in form itself) it is double-submit: a random value in a SameSite=Strict cookie
 * that a page of another site can neither read nor send along.
 */
public final class Csrf {
    static final String COOKIE = "belladonna_csrf";
    static final String HEADER = "X-CSRF-Token";
    static final String FIELD = "_csrf";
    private static final String ATTRIBUTE = "csrf-token";
    private static final Set<HandlerType> SAFE = Set.of(HandlerType.GET, HandlerType.HEAD, HandlerType.OPTIONS);

    private Csrf() {
    }

    /** Before-handler, after {@link SignInGate}: issues the cookie when missing and checks unsafe methods. */
    public static void check(Context ctx) {
        if (ApiAuth.byToken(ctx)) {
            return; // a bearer token is never sent by a browser on its own: nothing to forge
        }
        AccountService.Session session = SignInGate.session(ctx);
        String expected;
        if (session != null) {
            expected = session.csrf();
        } else {
            expected = ctx.cookie(COOKIE);
            if (!Secrets.looksRandom(expected)) {
                expected = null;
            }
            if (expected == null && SAFE.contains(ctx.method())) {
                expected = Secrets.random();
                ctx.res().addHeader("Set-Cookie", COOKIE + "=" + expected + "; Path=/; HttpOnly; SameSite=Strict");
            }
        }
        if (!SAFE.contains(ctx.method())) {
            String sent = ctx.header(HEADER);
            if (sent == null) {
                sent = ctx.queryParam(FIELD); // parses the query string only, never the body
            }
            if (!Secrets.same(expected, sent)) {
                throw new ForbiddenResponse("This form has expired or did not come from Belladonna. Reload the page and try again.");
            }
        }
        ctx.attribute(ATTRIBUTE, expected);
    }

    public static String token(Context ctx) {
        String t = ctx.attribute(ATTRIBUTE);
        return t == null ? "" : t;
    }
}
