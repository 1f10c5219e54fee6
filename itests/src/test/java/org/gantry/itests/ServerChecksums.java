package org.gantry.itests;

import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.UserDefinedFileAttributeView;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * What a launched server's POSIX DSI stores and reads for checksums, seen from outside: the
 * on-the-fly settings (applied through the Karaf shell), the checksums stored with a file on
 * disk (its {@code user.gantry.checksums} attribute) and the DSI's read counter from
 * {@code gridftp:dsi-list}.
 */
final class ServerChecksums {

    private static final Pattern POSIX_ROW = Pattern.compile("^\\* posix .*\\|\\s*(\\d+)\\s*$", Pattern.MULTILINE);
    private static final String ATTRIBUTE = "gantry.checksums";

    private ServerChecksums() {
    }

    /**
     * Sets {@code onTheFlyChecksums} (and a side buffer that a loaded machine cannot overflow) and
     * waits until uploads really get them: configuration changes reach the server asynchronously.
     */
    static void configure(LaunchedServer server, String algorithms) throws IOException {
        server.shell("config:property-set -p org.gantry.server onTheFlyBufferMiB 256");
        server.shell("config:property-set -p org.gantry.server onTheFlyChecksums " + algorithms);
        List<String> wanted = List.of(algorithms.split(","));
        long deadline = System.nanoTime() + 20_000_000_000L;
        Path probe = server.root().resolve("settings-probe.bin");
        while (System.nanoTime() < deadline) {
            try (FtpTestClient ftp = FtpTestClient.loggedIn(server.port())) {
                ftp.storeOk("/settings-probe.bin", new byte[] {1, 2, 3});
            }
            if (stored(probe).keySet().containsAll(wanted)) {
                Files.delete(probe);
                return;
            }
            Await.pause();
        }
        fail("uploads did not get " + algorithms + " within 20 s; stored: " + stored(probe));
    }

    /** The checksums stored with a file on the server's disk, by algorithm. */
    static Map<String, String> stored(Path file) throws IOException {
        UserDefinedFileAttributeView view = Files.getFileAttributeView(file, UserDefinedFileAttributeView.class);
        if (!view.list().contains(ATTRIBUTE)) {
            return Map.of();
        }
        ByteBuffer value = ByteBuffer.allocate(view.size(ATTRIBUTE));
        view.read(ATTRIBUTE, value);
        Map<String, String> values = new LinkedHashMap<>();
        for (String field : StandardCharsets.US_ASCII.decode(value.flip()).toString().split(" ")) {
            int eq = field.indexOf('=');
            if (eq > 0 && field.substring(0, eq).matches("[A-Z0-9]+")) {
                values.put(field.substring(0, eq), field.substring(eq + 1));
            }
        }
        return values;
    }

    /** File content the POSIX DSI serving / has read since it started. */
    static long bytesRead(LaunchedServer server) throws IOException {
        String table = server.shell("gridftp:dsi-list");
        Matcher m = POSIX_ROW.matcher(table);
        assertTrue("no BYTES-READ of the posix DSI in:\n" + table, m.find());
        return Long.parseLong(m.group(1));
    }

    /** Names of the server's own hidden files (uploads in progress, sidecars) below {@code dir}. */
    static List<String> reservedFiles(Path dir) throws IOException {
        try (Stream<Path> all = Files.walk(dir)) {
            return all.map(p -> p.getFileName().toString()).filter(n -> n.startsWith(".gantry-")).toList();
        }
    }
}
