package org.belladonna.nima;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PublishedPredictionCheckTest {
    @Test
    void gitBlobIdsMatchGit() {
        // `git hash-object` of an empty file and of "hello\n"
        assertEquals("e69de29bb2d1d6434b8b29ae775ad8c2e48c5391", PublishedPredictionCheck.gitBlobSha1(new byte[0]));
        assertEquals("ce013625030ba8dba906f756967f9e9ca394464a",
                PublishedPredictionCheck.gitBlobSha1("hello\n".getBytes(StandardCharsets.US_ASCII)));
    }

    @Test
    void passesOnlyWhenEveryMeanAndStdIsWithinTolerance() {
        List<NimaScore> close = new ArrayList<>();
        for (PublishedPredictionCheck.Sample s : PublishedPredictionCheck.SAMPLES) {
            close.add(new NimaScore(new double[10], s.mean() + 0.004, s.std() - 0.008));
        }
        assertTrue(PublishedPredictionCheck.compare(close).passed());

        List<NimaScore> oneOff = new ArrayList<>(close);
        PublishedPredictionCheck.Sample third = PublishedPredictionCheck.SAMPLES.get(2);
        oneOff.set(2, new NimaScore(new double[10], third.mean() + 0.02, third.std()));
        PublishedPredictionCheck.Result result = PublishedPredictionCheck.compare(oneOff);
        assertFalse(result.passed());
        assertTrue(result.table().contains("aesthetic4.jpg        5.53 (1.42)     5.550 (1.420)  NO"), result.table());

        List<NimaScore> stdOff = new ArrayList<>(close);
        stdOff.set(0, new NimaScore(new double[10], 6.52, 1.46));
        assertFalse(PublishedPredictionCheck.compare(stdOff).passed());
    }

    @Test
    void unreachableNetworkIsReportedAsSuch() {
        // Port 9 (discard) on loopback: nothing listens, the connection is refused at once.
        PublishedPredictionCheck check = new PublishedPredictionCheck(URI.create("http://127.0.0.1:9/"));
        NetworkUnavailableException e = assertThrows(NetworkUnavailableException.class, check::downloadSamples);
        assertTrue(e.getMessage().startsWith("cannot reach 127.0.0.1"), e.getMessage());
        assertFalse(e.getMessage().contains("\n"));
    }

    @Test
    void refusesFilesThatAreNotThePublishedOnes() throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            byte[] body = "not the photo".getBytes(StandardCharsets.US_ASCII);
            exchange.sendResponseHeaders(exchange.getRequestURI().getPath().contains("missing") ? 404 : 200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        try {
            String base = "http://127.0.0.1:" + server.getAddress().getPort() + "/";
            IOException wrong = assertThrows(IOException.class,
                    () -> new PublishedPredictionCheck(URI.create(base)).downloadSamples());
            assertTrue(wrong.getMessage().startsWith("aesthetic1.jpg from " + base + " is not the published file"),
                    wrong.getMessage());
            IOException missing = assertThrows(IOException.class,
                    () -> new PublishedPredictionCheck(URI.create(base + "missing/")).downloadSamples());
            assertTrue(missing.getMessage().endsWith("answered HTTP 404"), missing.getMessage());
        } finally {
            server.stop(0);
        }
    }
}
