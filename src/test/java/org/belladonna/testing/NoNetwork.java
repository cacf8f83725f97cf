package org.belladonna.testing;

import java.io.IOException;

/**
 * Makes this JVM's HTTP clients find no network, whatever the machine has: their proxy is a local port
 * nobody listens on, so every connection is refused at once (the default proxy selector reads these
 * system properties on each request). {@link #close} puts the properties back.
 */
public final class NoNetwork implements AutoCloseable {
    private static final String[] KEYS = {"http.proxyHost", "http.proxyPort", "https.proxyHost", "https.proxyPort",
            "http.nonProxyHosts"};
    private final String[] saved = new String[KEYS.length];

    public NoNetwork() throws IOException {
        for (int i = 0; i < KEYS.length; i++) {
            saved[i] = System.getProperty(KEYS[i]);
        }
        int closedPort = Ports.free();
        System.setProperty("http.proxyHost", "127.0.0.1");
        System.setProperty("http.proxyPort", Integer.toString(closedPort));
        System.setProperty("https.proxyHost", "127.0.0.1");
        System.setProperty("https.proxyPort", Integer.toString(closedPort));
        System.setProperty("http.nonProxyHosts", "localhost|127.*|[::1]"); // the test's own server stays reachable
    }

    @Override
    public void close() {
        for (int i = 0; i < KEYS.length; i++) {
            if (saved[i] == null) {
                System.clearProperty(KEYS[i]);
            } else {
                System.setProperty(KEYS[i], saved[i]);
            }
        }
    }
}
