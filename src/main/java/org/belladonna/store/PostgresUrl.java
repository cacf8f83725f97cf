package org.belladonna.store;

import java.net.URI;
import java.net.URISyntaxException;

/**
 * A PostgreSQL database given as {@code postgresql://user:password@host:port/database?parameters} (the form
 * libpq and most hosting services print), or the same behind {@code jdbc:}. The user and password go to the
 * driver apart from the JDBC URL, and {@link #toString()} leaves the password out, so it never reaches a
 * message or a log.
 */
public record PostgresUrl(String host, int port, String database, String user, String password, String query) {
    public static final int DEFAULT_PORT = 5432;

    /** Whether the text names a PostgreSQL database rather than anything else. */
    public static boolean looksLike(String text) {
        return text != null && (text.startsWith("postgresql://") || text.startsWith("jdbc:postgresql://")
                || text.startsWith("postgres://"));
    }

    /** Parses the URL; refuses, in one line without the password, anything that is not a complete one. */
    public static PostgresUrl parse(String text) {
        String rest = text.startsWith("jdbc:") ? text.substring("jdbc:".length()) : text;
        URI uri;
        try {
            uri = new URI(rest);
        } catch (URISyntaxException e) {
            throw bad("is not a valid URL (" + e.getReason() + " at character " + e.getIndex() + ")");
        }
        if (!"postgresql".equals(uri.getScheme()) && !"postgres".equals(uri.getScheme())) {
            throw bad("must start with postgresql://");
        }
        if (uri.getHost() == null) {
            throw bad("names no host (postgresql://user:password@host:port/database)");
        }
        String path = uri.getPath() == null ? "" : uri.getPath();
        if (path.length() < 2 || path.indexOf('/', 1) >= 0) {
            throw bad("names no database (postgresql://user:password@host:port/database)");
        }
        String user = null;
        String password = null;
        String info = uri.getUserInfo(); // percent-decoded
        if (info != null) {
            int colon = info.indexOf(':');
            user = colon < 0 ? info : info.substring(0, colon);
            password = colon < 0 ? null : info.substring(colon + 1);
        }
        if (uri.getFragment() != null) {
            throw bad("must not have a #fragment");
        }
        return new PostgresUrl(uri.getHost(), uri.getPort() < 0 ? DEFAULT_PORT : uri.getPort(), path.substring(1),
                user == null || user.isEmpty() ? null : user, password, uri.getRawQuery());
    }

    private static StoreException bad(String why) {
        return new StoreException("the database URL " + why);
    }

    /** The driver's URL: everything but the user and password. */
    public String jdbcUrl() {
        return "jdbc:postgresql://" + host + ":" + port + "/" + database + (query == null ? "" : "?" + query);
    }

    /** The URL without password or parameters (which could hold one), for messages. */
    @Override
    public String toString() {
        return "postgresql://" + (user == null ? "" : user + "@") + host + ":" + port + "/" + database;
    }
}
