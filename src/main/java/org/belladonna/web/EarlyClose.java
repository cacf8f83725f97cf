package org.belladonna.web;

import io.javalin.http.Context;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.server.Request;

import java.io.IOException;
import java.io.InputStream;

/**
 * After a refusal, the body nobody read is not read at all. Jetty 11, once a handler returns without
 * reading the body, keeps reading and discarding it to reuse the connection (HttpChannel's
 * ensureConsumeAllOrNotPersistent), for as long as the client keeps sending: a tokenless 200 MB upload
 * would still cost 200 MB of network and CPU after its 403. Instead the answer is written at once and the
 * socket is shut down and closed; the browser reads the answer before it notices the close.
 */
final class EarlyClose {
    private EarlyClose() {
    }

    /** Answers now and closes the connection when the request still has body bytes that nobody read. */
    static void ifBodyUnread(Context ctx) {
        Request base = Request.getBaseRequest(ctx.req());
        if (base == null || base.getHttpChannel() == null || !hasBody(ctx) || base.getHttpInput().isFinished()
                || ctx.res().isCommitted()) {
            return;
        }
        try {
            ctx.header("Connection", "close");
            InputStream result = ctx.resultInputStream();
            byte[] body = result == null ? new byte[0] : result.readAllBytes();
            ctx.res().setContentLength(body.length);
            ctx.res().getOutputStream().write(body);
            ctx.res().flushBuffer();
            ctx.result(""); // written already
            EndPoint endPoint = base.getHttpChannel().getEndPoint();
            endPoint.shutdownOutput(); // FIN after the answer, so the client can read it before it sees the close
            endPoint.close();
        } catch (IOException ignored) {
            // the client went away: there is nobody left to answer
        }
    }

    private static boolean hasBody(Context ctx) {
        return ctx.req().getContentLengthLong() > 0 || ctx.header("Transfer-Encoding") != null;
    }
}
