package org.gantry.dsi.s3.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

import org.gantry.dsi.api.DsiException;
import org.gantry.dsi.api.DsiSession;
import org.gantry.dsi.api.NotFoundException;
import org.gantry.dsi.api.PermissionDeniedException;
import org.gantry.dsi.api.SessionContext;
import org.gantry.dsi.api.StorageUnavailableException;
import org.gantry.dsi.testkit.DsiContractSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.sun.net.httpserver.HttpServer;

/**
 * Failures a real store shows now and then, from a scripted HTTP endpoint (no s3proxy can be
 * made to throttle): throttling and resets are retried by the SDK, what stays wrong becomes a
 * clear DSI failure, and the secret key appears in no message.
 */
class S3FaultsTest {

    private static final String SECRET = "do-not-print-this-secret";
    private static final String SLOW_DOWN = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Error><Code>SlowDown</Code>"
            + "<Message>Please reduce your request rate.</Message></Error>";
    private static final String ACCESS_DENIED = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Error>"
            + "<Code>AccessDenied</Code><Message>Access Denied</Message></Error>";

    private HttpServer server;
    private S3Dsi dsi;

    @AfterEach
    void stop() {
        if (dsi != null) {
            dsi.close();
        }
        if (server != null) {
            server.stop(0);
        }
    }

    private DsiSession session(URI endpoint) throws DsiException {
        S3Settings settings = new S3Settings("faults", endpoint, "us-east-1", Optional.of("bucket"), true, "access",
                SECRET, 5 << 20, 16 << 20, 2, 1 << 20, 2, 4, 3, Duration.ofSeconds(30), true,
                java.nio.file.Path.of(System.getProperty("java.io.tmpdir")), 1 << 20);
        assertFalse(settings.toString().contains(SECRET), "the settings' text shows no secret");
        dsi = new S3Dsi(settings, S3Clients.create(settings));
        return DsiContractSupport.await(dsi.openSession(new SessionContext("tester", Optional.empty(),
                new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), false, Optional.empty(), Map.of())));
    }

    /** An endpoint answering every request with {@code status} and {@code body}; counts the requests. */
    private URI scripted(AtomicInteger requests, int status, String body) throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            requests.incrementAndGet();
            exchange.getRequestBody().readAllBytes();
            byte[] bytes = "HEAD".equals(exchange.getRequestMethod()) ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/xml");
            exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
            exchange.getResponseBody().write(bytes);
            exchange.close();
        });
        server.start();
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    @Test
    void throttlingIsRetriedThenReportedAsTheStoreBeingUnavailable() throws Exception {
        AtomicInteger requests = new AtomicInteger();
        DsiSession session = session(scripted(requests, 503, SLOW_DOWN));

        DsiException failure = DsiContractSupport.assertFails(StorageUnavailableException.class,
                () -> session.mkdir("/dir"));

        assertEquals(3, requests.get(), "every attempt the configuration allows");
        assertTrue(failure.getMessage().contains("S3 503"), failure.getMessage());
        assertFalse(failure.getMessage().contains(SECRET));
    }

    @Test
    void accessDeniedIsAPermanentRefusalWithoutRetries() throws Exception {
        AtomicInteger requests = new AtomicInteger();
        DsiSession session = session(scripted(requests, 403, ACCESS_DENIED));

        DsiException failure = DsiContractSupport.assertFails(PermissionDeniedException.class,
                () -> session.openRead("/file", org.gantry.dsi.api.ReadRequest.whole()));

        assertEquals(1, requests.get(), "a refusal is not retried");
        assertFalse(failure.getMessage().contains(SECRET));
    }

    /** Connections that the far end resets at once: retried, then "cannot be reached". */
    @Test
    void resetConnectionsAreRetriedThenReported() throws Exception {
        AtomicInteger connections = new AtomicInteger();
        try (ServerSocket resetting = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            Thread acceptor = new Thread(() -> {
                while (!resetting.isClosed()) {
                    try (Socket s = resetting.accept()) {
                        connections.incrementAndGet();
                        s.setSoLinger(true, 0);
                    } catch (IOException closed) {
                        return;
                    }
                }
            });
            acceptor.setDaemon(true);
            acceptor.start();
            DsiSession session = session(URI.create("http://127.0.0.1:" + resetting.getLocalPort()));

            DsiException failure = DsiContractSupport.assertFails(StorageUnavailableException.class,
                    () -> session.stat("/file", true));

            // Three SDK attempts; the JDK's HTTP client may retry an idempotent request once more itself.
            assertTrue(connections.get() >= 3, connections.get() + " connections");
            assertTrue(failure.getMessage().contains("cannot be reached"), failure.getMessage());
        }
    }

    @Test
    void aMissingObjectIsNotFoundAtOnce() throws Exception {
        AtomicInteger requests = new AtomicInteger();
        DsiSession session = session(scripted(requests, 404, ""));

        DsiContractSupport.assertFails(NotFoundException.class, () -> session.delete("/file"));
        assertEquals(2, requests.get(), "HeadObject and ListObjectsV2 once each: a 404 is not retried");
    }
}
