package org.belladonna.web;

import io.javalin.http.Context;
import io.javalin.http.ForbiddenResponse;
import io.javalin.http.UnauthorizedResponse;
import org.belladonna.accounts.AccountService;
import org.belladonna.accounts.AccountService.User;
import org.belladonna.accounts.Role;

/**
 * Who may call the JSON API, from headers alone (before any body is read). A program sends an API token an
 * admin issued ({@code Authorization: Bearer bdn_…}); a signed-in browser may use its session instead, and
 * then {@link Csrf} still asks for the session's form token on every change, because a cookie is sent by the
 * browser on its own and a token is not. Without either, 401 on every bind, loopback included: a token is
 * the API's only credential for programs. The description ({@link #DESCRIPTION}) is served to anyone.
 */
final class ApiAuth {
    static final String PREFIX = "/api/";
    static final String DESCRIPTION = "/api/openapi.json";
    /** Every API route protects artwork or reads its jobs: the artist's area (an admin may use it too). */
    static final Role NEEDED = Role.ARTIST;
    private static final String USER = "api-user";
    private static final String BY_TOKEN = "api-by-token";

    private final AccountService accounts;

    ApiAuth(AccountService accounts) {
        this.accounts = accounts;
    }

    /** Before-handler, after {@link SignInGate} (which leaves API paths to this one) and before {@link Csrf}. */
    void check(Context ctx) {
        if (!ctx.path().startsWith(PREFIX) || ctx.path().equals(DESCRIPTION)) {
            return;
        }
        String authorization = ctx.header("Authorization");
        User user;
        if (authorization != null) {
            user = accounts.bearer(authorization).orElseThrow(() -> new UnauthorizedResponse(
                    "The API token is malformed, unknown or revoked. Send Authorization: Bearer <token>, as issued by "
                            + "`belladonna users token <name>`."));
            ctx.attribute(BY_TOKEN, true);
        } else {
            AccountService.Session session = SignInGate.session(ctx);
            if (session == null) {
                throw new UnauthorizedResponse("This API needs a token: send Authorization: Bearer <token>. An admin issues "
                        + "one with `belladonna users token <name>`.");
            }
            user = session.user();
        }
        ctx.attribute(USER, user);
        if (!user.role().covers(NEEDED)) {
            throw new ForbiddenResponse("The account " + user.name() + " (" + user.role().id() + ") cannot protect artwork; "
                    + "the API needs an " + NEEDED.id() + " or admin account.");
        }
    }

    /** True when the request carried a valid API token (then the form token does not apply). */
    static boolean byToken(Context ctx) {
        return ctx.attribute(BY_TOKEN) != null;
    }

    /** The account calling the API (by token or session); set once {@link #check} has passed. */
    static User user(Context ctx) {
        return ctx.attribute(USER);
    }
}
