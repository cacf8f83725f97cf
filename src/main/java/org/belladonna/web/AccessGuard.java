package org.belladonna.web;

import io.javalin.http.Context;
import io.javalin.http.ForbiddenResponse;
import io.javalin.http.HandlerType;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.Set;

/**
 * The first wall, from headers alone, before anything reads a body.
 * <ul>
 * <li>On a loopback bind (the default) the Host must name this machine: {@code localhost}, {@code 127.0.0.1},
 *     {@code [::1]} or the bound address. DNS rebinding reaches us under the attacker's name, so it is refused
 *     here; an Origin check alone cannot see it, because after rebinding the Origin matches the Host.</li>
 * <li>On every bind, a state-changing request whose Origin (or, without one, Referer) names another site is
 *     refused, and so is {@code Origin: null} and a browser's {@code Sec-Fetch-Site} of another site (other
 *     ports of localhost are "same-site" there). A request with neither header is not from a browser page;
 *     the form token decides.</li>
 * </ul>
 */
final class AccessGuard {
    private static final Set<HandlerType> SAFE = Set.of(HandlerType.GET, HandlerType.HEAD, HandlerType.OPTIONS);

    private final boolean loopback;
    private final Set<String> localNames;

    AccessGuard(String bindHost) {
        this.loopback = isLoopback(bindHost);
        this.localNames = new java.util.HashSet<>(Set.of("localhost", "127.0.0.1", "[::1]"));
        localNames.add(bracketed(bindHost.toLowerCase(Locale.ROOT)));
    }

    /** True when the server listens on a loopback address only (one person at their own machine). */
    boolean loopback() {
        return loopback;
    }

    void check(Context ctx) {
        String host = ctx.header("Host");
        // No Host at all is not a browser (HTTP/1.1 without one is refused by Jetty; the Docker health check
        // speaks HTTP/1.0): nothing to rebind.
        if (loopback && host != null && !localNames.contains(hostName(host))) {
            throw new ForbiddenResponse("This studio answers only to localhost addresses, not to \"" + shorten(host)
                    + "\". Open it at http://127.0.0.1 or http://localhost.");
        }
        if (SAFE.contains(ctx.method())) {
            return;
        }
        String fetchSite = ctx.header("Sec-Fetch-Site");
        if (fetchSite != null && (fetchSite.equals("cross-site") || fetchSite.equals("same-site"))) {
            throw new ForbiddenResponse("This request came from another site; Belladonna only takes changes from its own pages.");
        }
        String origin = ctx.header("Origin");
        String claimed = origin != null ? origin : ctx.header("Referer");
        if (claimed != null && (host == null || !host.equalsIgnoreCase(authority(claimed)))) {
            throw new ForbiddenResponse("This request came from another site (" + shorten(claimed)
                    + "); Belladonna only takes changes from its own pages.");
        }
    }

    /** host:port of an Origin or Referer URL, or "" when it has none ("null", garbage). */
    static String authority(String url) {
        try {
            URI uri = new URI(url);
            return uri.getScheme() == null || uri.getRawAuthority() == null ? "" : uri.getRawAuthority();
        } catch (Exception e) {
            return "";
        }
    }

    /** "Example.com.:7070" -> "example.com"; "[::1]:7070" -> "[::1]". */
    static String hostName(String hostHeader) {
        String h = hostHeader.strip().toLowerCase(Locale.ROOT);
        if (h.startsWith("[")) {
            int end = h.indexOf(']');
            return end < 0 ? h : h.substring(0, end + 1);
        }
        int colon = h.lastIndexOf(':');
        h = colon < 0 ? h : h.substring(0, colon);
        return h.endsWith(".") ? h.substring(0, h.length() - 1) : h;
    }

    static boolean isLoopback(String bindHost) {
        try {
            return InetAddress.getByName(bindHost).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }

    private static String bracketed(String host) {
        return host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
    }

    private static String shorten(String s) {
        String printable = s.replaceAll("\\p{Cntrl}", "?");
        return printable.length() > 80 ? printable.substring(0, 80) + "…" : printable;
    }
}
