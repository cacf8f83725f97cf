package org.belladonna.web;

import io.javalin.http.Context;
import io.javalin.http.HttpStatus;

/**
 * Where a form sends the browser after it succeeded. A form sent by htmx gets {@code HX-Redirect} (htmx
 * would otherwise follow a 303 inside its request and swap the whole next page into the form's error
 * area); a plain form gets the 303.
 */
final class Redirects {
    private Redirects() {
    }

    static void afterForm(Context ctx, String location) {
        if (ctx.header("HX-Request") != null) {
            ctx.header("HX-Redirect", location);
            ctx.status(HttpStatus.OK).result("");
        } else {
            ctx.redirect(location, HttpStatus.SEE_OTHER);
        }
    }
}
