package org.belladonna.models;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;

/**
 * A model download that failed, said so a person can act: the cause in words (no network, a name that does
 * not resolve, an HTTP status, a timeout) and the three ways to install without this download. Java's own
 * exceptions often carry no message at all (a refused connection's is null), which printed as "null".
 */
public final class DownloadFailure extends IOException {
    /** The ways round a download that cannot happen here; the same words on the CLI and in the studio. */
    public static final String FIXES = "To install without downloading: copy the model files into a folder and run "
            + "'belladonna models pull --mirror DIR', or set BELLADONNA_MODEL_MIRROR=DIR for the server and the CLI; "
            + "or start with 'belladonna serve --offline' to skip the install and use models already in place.";

    private final String cause;

    private DownloadFailure(String cause, Throwable source) {
        super(cause + ". " + FIXES, source);
        this.cause = cause;
    }

    /** The cause alone, without the fixes. */
    public String reason() {
        return cause;
    }

    /** The server answered, but not with the file. */
    public static DownloadFailure status(URI url, int status) {
        return new DownloadFailure("the download of " + url + " failed: the server answered HTTP " + status, null);
    }

    /** Sending the request or reading the answer failed: names which of the usual network causes it was. */
    public static DownloadFailure of(URI url, IOException e) {
        String host = url.getHost();
        String reason;
        if (has(e, UnresolvedAddressException.class) || has(e, UnknownHostException.class)) {
            reason = "cannot download " + url + ": DNS failure, the name " + host
                    + " does not resolve (no network, or no DNS server on this machine)";
        } else if (has(e, HttpConnectTimeoutException.class)) {
            reason = "cannot download " + url + ": timed out connecting to " + host + " (no network, or a firewall)";
        } else if (has(e, HttpTimeoutException.class)) {
            reason = "the download of " + url + " timed out: " + host + " stopped answering";
        } else if (has(e, ConnectException.class)) {
            reason = "cannot download " + url + ": no network, the connection to " + host + " was refused or unreachable";
        } else {
            String detail = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            reason = "the download of " + url + " failed: " + detail;
        }
        return new DownloadFailure(reason, e);
    }

    private static boolean has(Throwable e, Class<? extends Throwable> kind) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (kind.isInstance(t)) {
                return true;
            }
        }
        return false;
    }
}
