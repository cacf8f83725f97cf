package org.belladonna.web;

import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import org.belladonna.accounts.AccountService;
import org.belladonna.accounts.LoginLimiter;

import java.util.HashMap;
import java.util.Map;
import java.util.OptionalLong;

/**
 * Signing in and out. Attempts are rate-limited per client address and per account before the password
 * is checked (so a locked-out guesser costs no Argon2 work); a wrong name and a wrong password get the same
 * answer in the same time. Each sign-in makes a new session id.
 */
final class LoginPages {
    private final AccountService accounts;
    private final LoginLimiter limiter;
    private final Views views;
    private final boolean signInRequired;

    LoginPages(AccountService accounts, LoginLimiter limiter, Views views, boolean signInRequired) {
        this.accounts = accounts;
        this.limiter = limiter;
        this.views = views;
        this.signInRequired = signInRequired;
    }

    void form(Context ctx) {
        render(ctx, null, safeNext(ctx.queryParam("next")), "");
    }

    void submit(Context ctx) {
        String name = value(ctx.formParam("name"), 64);
        String password = ctx.formParam("password");
        String next = safeNext(ctx.formParam("next"));
        OptionalLong wait = limiter.tryAttempt(ctx.ip(), accounts.exists(name) ? name : null);
        if (wait.isPresent()) {
            ctx.header("Retry-After", Long.toString(wait.getAsLong()));
            ctx.status(HttpStatus.TOO_MANY_REQUESTS);
            render(ctx, "Too many sign-in attempts. Try again in " + wait.getAsLong() + " s.", next, name);
            return;
        }
        var user = accounts.verify(name, password);
        if (user.isEmpty()) {
            ctx.status(HttpStatus.UNAUTHORIZED);
            render(ctx, "Wrong name or password.", next, name);
            return;
        }
        String old = ctx.cookie(SignInGate.COOKIE);
        if (old != null) {
            accounts.close(old);
        }
        AccountService.Opened opened = accounts.open(user.get());
        ctx.res().addHeader("Set-Cookie", SignInGate.cookie(opened.cookieValue(), "https".equals(ctx.scheme())));
        ctx.redirect(next, HttpStatus.SEE_OTHER);
    }

    void logout(Context ctx) {
        String cookie = ctx.cookie(SignInGate.COOKIE);
        if (cookie != null) {
            accounts.close(cookie);
        }
        ctx.res().addHeader("Set-Cookie", SignInGate.expiredCookie());
        ctx.redirect(signInRequired ? "/login" : "/", HttpStatus.SEE_OTHER);
    }

    private void render(Context ctx, String message, String next, String name) {
        Map<String, Object> model = new HashMap<>();
        model.put("message", message);
        model.put("next", next);
        model.put("name", name);
        HttpErrors.markRendered(ctx); // the 401/429 answer is this form, not the generic error page
        views.render(ctx, "login", model);
    }

    /** Only a path on this site: a sign-in link can never send anyone elsewhere. */
    static String safeNext(String next) {
        if (next == null || !next.startsWith("/") || next.startsWith("//") || next.contains("\\")
                || next.length() > 2000 || next.chars().anyMatch(c -> c < 0x20) || next.startsWith("/login")) {
            return "/";
        }
        return next;
    }

    private static String value(String s, int max) {
        if (s == null) {
            return "";
        }
        String v = s.strip();
        return v.length() > max ? v.substring(0, max) : v;
    }
}
