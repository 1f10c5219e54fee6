package org.gantry.itests;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.AfterClass;
import org.junit.BeforeClass;
import org.junit.Test;

/**
 * Stream-mode restart with curl: {@code curl -C -} resumes a partial download with
 * {@code REST <size of the partial file>}; the per-session command log proves it was sent.
 */
public class StreamRestIT {

    private static final int FILE_SIZE = (3 << 20) + 12_345;
    private static final int ALREADY_THERE = 1_000_003;

    private static Path work;
    private static GantryInstance server;

    @BeforeClass
    public static void startServer() throws IOException {
        CommandRunner.requireTool("curl");
        work = TestData.emptyDirectory(GantryInstance.workDirectory().resolve("rest"));
        server = new GantryInstance("rest", work.resolve("root"));
        server.start("--command-log");
    }

    @AfterClass
    public static void stopServer() throws IOException {
        if (server != null) {
            server.stop();
        }
    }

    @Test
    public void curlResumesAPartialDownloadWithRest() throws IOException {
        byte[] content = TestData.bytes(42, FILE_SIZE);
        Files.write(server.root().resolve("resume.bin"), content);
        Path partial = work.resolve("partial.bin");
        Files.write(partial, Arrays.copyOf(content, ALREADY_THERE));

        CommandRunner.run(CommandRunner.CLIENT_TIMEOUT, Map.of(),
                "curl", "-s", "-S", "-C", "-", "-o", partial.toString(), server.url("resume.bin"))
                .assertSuccess();
        assertArrayEquals("resumed download", content, Files.readAllBytes(partial));

        Path sessions = server.karafHome().resolve("data/log/sessions");
        assertTrue("command log directory " + sessions + " does not exist (started with --command-log)",
                Files.isDirectory(sessions));
        Pattern rest = Pattern.compile("^\\S+ C REST " + ALREADY_THERE + "$");
        Await.until("a 'C REST " + ALREADY_THERE + "' line in " + sessions + "/session-*.log",
                Duration.ofSeconds(10), () -> anyLogLine(sessions, rest), () -> logSummary(sessions));
    }

    private static boolean anyLogLine(Path sessions, Pattern pattern) {
        return sessionLogs(sessions).stream().anyMatch(log -> lines(log).stream()
                .anyMatch(line -> pattern.matcher(line).matches()));
    }

    private static String logSummary(Path sessions) {
        StringBuilder summary = new StringBuilder();
        for (Path log : sessionLogs(sessions)) {
            summary.append('\n').append(log.getFileName()).append(":\n");
            lines(log).forEach(line -> summary.append("  ").append(line).append('\n'));
        }
        return summary.length() == 0 ? "no session-*.log files" : summary.toString();
    }

    private static List<Path> sessionLogs(Path sessions) {
        try (Stream<Path> files = Files.list(sessions)) {
            return files.filter(p -> p.getFileName().toString().matches("session-.+\\.log")).sorted().toList();
        } catch (IOException e) {
            return List.of();
        }
    }

    private static List<String> lines(Path file) {
        try {
            return Files.readAllLines(file, StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            return List.of();
        }
    }
}
