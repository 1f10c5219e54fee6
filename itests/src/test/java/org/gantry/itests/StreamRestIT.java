package org.gantry.itests;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;

import org.junit.ClassRule;
import org.junit.Test;

/**
 * Stream-mode restart with curl: {@code curl -C -} resumes a partial download with
 * {@code REST <size of the partial file>}; the per-session command log proves it was sent.
 */
public class StreamRestIT {

    private static final int FILE_SIZE = (3 << 20) + 12_345;
    private static final int ALREADY_THERE = 1_000_003;

    @ClassRule
    public static final LaunchedServer server = new LaunchedServer("rest").requiring("curl")
            .withOptions("--command-log");

    @Test
    public void curlResumesAPartialDownloadWithRest() throws IOException {
        byte[] content = TestData.bytes(42, FILE_SIZE);
        Files.write(server.root().resolve("resume.bin"), content);
        Path partial = server.work().resolve("partial.bin");
        Files.write(partial, Arrays.copyOf(content, ALREADY_THERE));
        SessionCommandLogs logs = new SessionCommandLogs(server.instance());
        Set<Path> before = logs.snapshot();

        CommandRunner.run(CommandRunner.CLIENT_TIMEOUT, Map.of(),
                "curl", "-s", "-S", "-C", "-", "-o", partial.toString(), server.url("resume.bin"))
                .assertSuccess();
        assertArrayEquals("resumed download", content, Files.readAllBytes(partial));

        assertTrue("command log directory " + logs.directory() + " does not exist (started with --command-log)",
                Files.isDirectory(logs.directory()));
        String rest = "REST " + ALREADY_THERE;
        Await.until("a 'C " + rest + "' line in a new session's log in " + logs.directory(), Duration.ofSeconds(10),
                () -> logs.countCommandsSince(before, rest) > 0, logs::summary);
    }
}
