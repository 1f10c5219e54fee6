package org.gantry.itests;

import static org.junit.Assert.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real client left running while the test acts on the server (e.g. kills its session), with
 * stdout and stderr captured to a file. {@link #close()} ends it and everything it started.
 */
final class BackgroundCommand implements AutoCloseable {

    private final List<String> command;
    private final Process process;
    private final Path output;

    private BackgroundCommand(List<String> command, Process process, Path output) {
        this.command = command;
        this.process = process;
        this.output = output;
    }

    static BackgroundCommand start(List<String> command) throws IOException {
        Path output = Files.createTempFile("gantry-itest-bg-", ".out");
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile()).start();
        process.getOutputStream().close();
        return new BackgroundCommand(List.copyOf(command), process, output);
    }

    /** Waits for the exit; fails (after ending the process) if it takes longer than {@code timeout}. */
    CommandRunner.Result await(Duration timeout) {
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                String soFar = output();
                close();
                fail("command did not finish within " + timeout.toSeconds() + " s: " + String.join(" ", command)
                        + "\n--- output so far ---\n" + soFar);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while waiting for " + String.join(" ", command), e);
        }
        return new CommandRunner.Result(command, process.exitValue(), output());
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /** Everything it printed so far. */
    String output() {
        try {
            return Files.readString(output, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(cannot read " + output + ": " + e + ")";
        }
    }

    /** Ends the process and its descendants if still running, and removes the captured output. */
    @Override
    public void close() {
        List<ProcessHandle> tree = new ArrayList<>(process.descendants().toList());
        tree.add(process.toHandle());
        tree.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
        try {
            process.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            Files.deleteIfExists(output);
        } catch (IOException e) {
            // Only a temporary file.
        }
    }
}
