package org.belladonna.app;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/** Versions of the app and of the front-end components, filtered in from pom.xml at build time. */
public final class Versions {
    private static final Properties P = load();
    public static final String APP = P.getProperty("app", "dev");
    public static final String HTMX = P.getProperty("htmx");
    public static final String SLIDER = P.getProperty("slider");

    private Versions() {
    }

    private static Properties load() {
        Properties p = new Properties();
        try (InputStream in = Versions.class.getResourceAsStream("/belladonna-versions.properties")) {
            if (in != null) {
                p.load(in);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return p;
    }
}
