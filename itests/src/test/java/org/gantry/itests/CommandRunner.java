package org.gantry.itests;

import static org.junit.Assert.fail;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs external programs (the launcher, real clients) with a timeout and captured output. */
public final class CommandRunner {

    /** Default limit for one client command. */
    public static final Duration CLIENT_TIMEOUT = Duration.ofSeconds(300);

    /** Exit code and combined stdout/stderr of a finished command. */
    public record Result(List<String> command, int exitCode, String output) {

        /** Fails, printing the command and everything it said, unless it exited with 0. */
        public Result assertSuccess() {
            if (exitCode != 0) {
                fail("command failed with exit code " + exitCode + ": " + String.join(" ", command)
                        + "\n--- output ---\n" + output);
            }
            return this;
        }
    }

    private CommandRunner() {
    }

    /**
     * Fails the test (never skips it) if {@code tool} is not an executable on PATH: these tests
     * exist to prove interoperability with that very client.
     */
    public static Path requireTool(String tool) {
        String path = System.getenv().getOrDefault("PATH", "");
        for (String dir : path.split(File.pathSeparator)) {
            Path candidate = Path.of(dir.isEmpty() ? "." : dir, tool);
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        throw new AssertionError(tool + " is not on PATH (" + path + "); install the real clients first "
                + "(tools/install-test-deps.sh installs globus-gass-copy-progs, gfal2-util-scripts, "
                + "gfal2-plugin-gridftp, gfal2-plugin-file and curl)");
    }

    public static Result run(Duration timeout, Map<String, String> environment, String... command)
            throws IOException {
        return run(timeout, environment, List.of(command));
    }

    public static Result run(Duration timeout, Map<String, String> environment, List<String> command)
            throws IOException {
        Path output = Files.createTempFile("gantry-itest-", ".out");
        try {
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(output.toFile());
            builder.environment().putAll(environment);
            Process process = builder.start();
            process.getOutputStream().close();
            boolean finished = waitFor(process, timeout);
            if (!finished) {
                List<ProcessHandle> tree = new ArrayList<>(process.descendants().toList());
                tree.add(process.toHandle());
                tree.forEach(ProcessHandle::destroyForcibly);
                fail("command did not finish within " + timeout.toSeconds() + " s: " + String.join(" ", command)
                        + "\n--- output so far ---\n" + new String(Files.readAllBytes(output), StandardCharsets.UTF_8));
            }
            return new Result(List.copyOf(command), process.exitValue(),
                    new String(Files.readAllBytes(output), StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(output);
        }
    }

    private static boolean waitFor(Process process, Duration timeout) {
        try {
            return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while waiting for " + process.info().commandLine(), e);
        }
    }
}
