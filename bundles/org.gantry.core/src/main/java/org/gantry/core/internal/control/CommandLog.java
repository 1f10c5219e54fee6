package org.gantry.core.internal.control;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One session's command log file, {@code session-<id>.log}: a line {@code <ISO time> <C|S> <text>}
 * per command received and per reply line sent. Failing to write never affects the session.
 */
final class CommandLog implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(CommandLog.class);

    private final Path file;
    private BufferedWriter writer;

    private CommandLog(Path file, BufferedWriter writer) {
        this.file = file;
        this.writer = writer;
    }

    /** Opens (appends to) the log of session {@code id}; null if that is impossible. */
    static CommandLog open(Path directory, long id) {
        Path file = directory.resolve("session-" + id + ".log");
        try {
            Files.createDirectories(directory);
            return new CommandLog(file, Files.newBufferedWriter(file, StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND));
        } catch (IOException e) {
            LOG.warn("Cannot write command log {}: {}", file, e.toString());
            return null;
        }
    }

    synchronized void client(String line) {
        write('C', line);
    }

    synchronized void server(String line) {
        write('S', line);
    }

    private void write(char who, String text) {
        if (writer == null) {
            return;
        }
        try {
            writer.write(Instant.now() + " " + who + " " + ReplyEncoder.sanitise(text));
            writer.newLine();
            writer.flush();
        } catch (IOException e) {
            LOG.warn("Command log {} failed, no longer writing it: {}", file, e.toString());
            close();
        }
    }

    @Override
    public synchronized void close() {
        if (writer != null) {
            try {
                writer.close();
            } catch (IOException e) {
                LOG.debug("closing {}", file, e);
            }
            writer = null;
        }
    }
}
