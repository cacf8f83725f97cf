package org.belladonna.web;

import io.javalin.http.ContentTooLargeResponse;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import io.javalin.http.UnsupportedMediaTypeResponse;

import java.util.Optional;
import java.util.Set;

/**
 * Before-handler: a declared Content-Length over the address's limit is a 413 before a byte of the body
 * is read (a body without one is cut off at the same limit by whoever reads it), and a multipart body is
 * refused (415) where no upload is expected, so nothing but {@link MultipartForm} ever parses one.
 */
final class BodyLimits {
    private static final Set<HandlerType> SAFE = Set.of(HandlerType.GET, HandlerType.HEAD, HandlerType.OPTIONS);

    private BodyLimits() {
    }

    static void check(Context ctx) {
        if (SAFE.contains(ctx.method())) {
            return;
        }
        Optional<UploadRoute> upload = UploadRoute.of(ctx.path());
        long limit = upload.map(r -> r.maxBytes).orElse(UploadRoute.FORM_BYTES);
        long declared = ctx.req().getContentLengthLong(); // -1 when chunked or absent
        if (declared > limit) {
            throw new ContentTooLargeResponse("The upload is " + UploadRoute.mib(declared) + "; this address takes at most "
                    + UploadRoute.mib(limit) + ".");
        }
        String type = ctx.contentType();
        if (upload.isEmpty() && type != null && type.toLowerCase(java.util.Locale.ROOT).startsWith("multipart/")) {
            throw new UnsupportedMediaTypeResponse("This address takes no file uploads.");
        }
    }
}
