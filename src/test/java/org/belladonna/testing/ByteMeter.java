package org.belladonna.testing;

import org.eclipse.jetty.io.Connection;
import org.eclipse.jetty.server.Connector;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The server's own count of the bytes it read from each socket ({@code Connection.getBytesIn}), added up when
 * connections close. Attached as a bean to the running server's connectors, which hand it to every new
 * connection. This is what "bytes read" means in a test: independent of what sits in kernel buffers.
 */
public final class ByteMeter implements Connection.Listener {
    private final AtomicLong bytesIn = new AtomicLong();
    private final AtomicInteger closed = new AtomicInteger();
    private final AtomicInteger active = new AtomicInteger();

    public static ByteMeter attach(io.javalin.Javalin app) {
        ByteMeter meter = new ByteMeter();
        for (Connector c : app.jettyServer().server().getConnectors()) {
            c.addBean(meter);
        }
        return meter;
    }

    @Override
    public void onOpened(Connection connection) {
        active.incrementAndGet();
    }

    @Override
    public void onClosed(Connection connection) {
        bytesIn.addAndGet(connection.getBytesIn());
        closed.incrementAndGet();
        active.decrementAndGet();
    }

    /** Bytes read on connections that have closed since the last {@link #reset}. */
    public long bytesIn() {
        return bytesIn.get();
    }

    public int closedConnections() {
        return closed.get();
    }

    /** Connections opened since attaching that have not closed yet (a test waits for none before measuring). */
    public int active() {
        return active.get();
    }

    public void reset() {
        bytesIn.set(0);
        closed.set(0);
    }
}
