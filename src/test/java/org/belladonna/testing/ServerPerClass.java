package org.belladonna.testing;

import org.belladonna.app.Studio;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * One plain offline {@link TestServer} for a whole test class, on a data directory of its own that is deleted
 * after it: {@code @RegisterExtension static final ServerPerClass server = new ServerPerClass();}. It runs
 * before the class's own {@code @BeforeAll} methods, which may fill it.
 */
public final class ServerPerClass implements BeforeAllCallback, AfterAllCallback {
    private Path data;
    private TestServer server;

    @Override
    public void beforeAll(ExtensionContext context) throws IOException {
        data = Files.createTempDirectory("belladonna-test-server-");
        server = TestServer.start(data);
    }

    @Override
    public void afterAll(ExtensionContext context) throws IOException {
        server.close();
        Trees.delete(data);
    }

    public String url(String path) {
        return server.url(path);
    }

    public io.javalin.Javalin javalin() {
        return server.javalin();
    }

    public int port() {
        return server.port();
    }

    public Studio studio() {
        return server.studio();
    }

    public Path dataDir() {
        return server.dataDir();
    }
}
