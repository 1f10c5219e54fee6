package org.gantry.testing.s3;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/** Starting and stopping the s3proxy process, from Java and from the command line. */
class S3ProxyServerTest {

    private static final Duration WAIT = Duration.ofSeconds(60);

    @TempDir
    Path work;

    @Test
    void serverKeepsObjectsAsFilesBelowTheDataDirectoryAndStopsOnClose() throws Exception {
        S3ProxyServer server = S3ProxyServer.start(work.resolve("data"));
        try (server; S3Client s3 = S3Clients.plainBodies(server)) {
            s3.createBucket(b -> b.bucket("files"));
            s3.putObject(b -> b.bucket("files").key("dir/name"), RequestBody.fromString("on disk"));

            assertEquals("127.0.0.1", server.endpoint().getHost());
            assertEquals("on disk", Files.readString(server.dataDirectory().resolve("files/dir/name")));
            assertEquals(work.resolve("data-s3proxy.log"), server.logFile());
            assertTrue(Files.readString(server.logFile()).contains("Started"), "Jetty's start is logged");
        }

        assertFalse(server.isRunning());
        assertFalse(ProcessHandle.of(server.pid()).map(ProcessHandle::isAlive).orElse(false));
        assertThrows(IOException.class, () -> connect(server.endpoint()).close());
    }

    @Test
    void startRefusesAPortSomeoneElseHolds() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            IOException refused = assertThrows(IOException.class,
                    () -> S3ProxyServer.start(work.resolve("data"), taken.getLocalPort()));

            assertTrue(refused.getMessage().contains("port " + taken.getLocalPort()), refused.getMessage());
        }
    }

    @Test
    void commandLinePrintsHowToConnectAndStopsTheServerWhenKilled() throws Exception {
        Path classes = Path.of(S3ProxyServer.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        Process launcher = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", classes.toString(), S3ProxyServer.class.getName(), "--dir", work.resolve("cli").toString())
                .redirectError(work.resolve("launcher.err").toFile()).start();
        try {
            Map<String, String> printed = firstLineFields(launcher);
            URI endpoint = URI.create(printed.get("endpoint"));
            long serverPid = Long.parseLong(printed.get("pid"));
            assertEquals(List.of("gantry-test", "gantry-test-secret"),
                    List.of(printed.get("accessKey"), printed.get("secretKey")));
            connect(endpoint).close();

            launcher.destroy(); // SIGTERM: the shutdown hook stops the server

            assertTrue(launcher.waitFor(WAIT.toSeconds(), TimeUnit.SECONDS));
            awaitExit(serverPid);
            assertThrows(IOException.class, () -> connect(endpoint).close());
        } finally {
            stop(launcher);
        }
    }

    /** Stops the launcher and, should its hook not have run, the server it started. */
    private static void stop(Process launcher) throws Exception {
        List<ProcessHandle> started = launcher.descendants().toList();
        launcher.destroy();
        if (!launcher.waitFor(WAIT.toSeconds(), TimeUnit.SECONDS)) {
            launcher.destroyForcibly();
        }
        started.forEach(ProcessHandle::destroyForcibly);
    }

    private static void awaitExit(long pid) throws Exception {
        Optional<ProcessHandle> process = ProcessHandle.of(pid);
        if (process.isPresent()) {
            process.get().onExit().get(WAIT.toSeconds(), TimeUnit.SECONDS);
        }
    }

    /** The {@code key=value} fields of the launcher's first line of output. */
    private static Map<String, String> firstLineFields(Process launcher) throws Exception {
        BufferedReader out = new BufferedReader(
                new InputStreamReader(launcher.getInputStream(), StandardCharsets.UTF_8));
        String line = CompletableFuture.supplyAsync(() -> {
            try {
                return out.readLine();
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }).get(WAIT.toSeconds(), TimeUnit.SECONDS);
        assertNotNull(line, "the launcher exited without printing; see launcher.err");
        Map<String, String> fields = new HashMap<>();
        for (String field : line.split(" ")) {
            int equals = field.indexOf('=');
            fields.put(field.substring(0, equals), field.substring(equals + 1));
        }
        return fields;
    }

    private static Socket connect(URI endpoint) throws IOException {
        return new Socket(endpoint.getHost(), endpoint.getPort());
    }
}
