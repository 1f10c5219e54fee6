package org.gantry.itests;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The per-session command logs of an instance started with {@code --command-log}
 * ({@code data/log/sessions/session-<id>.log}, lines {@code <time> <C|S> <text>}). Tests take a
 * {@link #snapshot()} before running a client and then look only at the sessions it opened.
 */
public final class SessionCommandLogs {

    private final Path directory;

    public SessionCommandLogs(GantryInstance server) {
        this(server.karafHome().resolve("data/log/sessions"));
    }

    /** The logs in {@code directory}, e.g. under {@code karaf.data} inside a Pax Exam container. */
    public SessionCommandLogs(Path directory) {
        this.directory = directory;
    }

    /** Where the logs are; the launcher's {@code --command-log} makes it. */
    public Path directory() {
        return directory;
    }

    /** The session logs that exist now. */
    public Set<Path> snapshot() {
        return Set.copyOf(logs());
    }

    /** How many reply lines {@code reply} the server sent in sessions newer than {@code before}. */
    public long countRepliesSince(Set<Path> before, String reply) {
        return countSince(before, 'S', reply);
    }

    /** How many times clients sent exactly {@code command} in sessions newer than {@code before}. */
    public long countCommandsSince(Set<Path> before, String command) {
        return countSince(before, 'C', command);
    }

    /** The reply lines the server sent in sessions newer than {@code before}, oldest session first. */
    public List<String> repliesSince(Set<Path> before) {
        return linesSince(before, 'S');
    }

    /** The commands clients sent in sessions newer than {@code before}, oldest session first. */
    public List<String> commandsSince(Set<Path> before) {
        return linesSince(before, 'C');
    }

    /**
     * Each session newer than {@code before}, oldest first, as its lines {@code C <command>} and
     * {@code S <reply line>} in the order they happened.
     */
    public List<List<String>> dialoguesSince(Set<Path> before) {
        return logs().stream().filter(log -> !before.contains(log))
                .map(log -> lines(log).stream().map(line -> line.substring(line.indexOf(' ') + 1)).toList())
                .toList();
    }

    private List<String> linesSince(Set<Path> before, char who) {
        String prefix = who + " ";
        return logs().stream().filter(log -> !before.contains(log)).flatMap(log -> lines(log).stream())
                .map(line -> line.substring(line.indexOf(' ') + 1))
                .filter(line -> line.startsWith(prefix)).map(line -> line.substring(2)).toList();
    }

    /** Names and sizes of the logs, for failure messages. */
    public String summary() {
        StringBuilder text = new StringBuilder(directory.toString()).append(':');
        for (Path log : logs()) {
            text.append("\n  ").append(log.getFileName()).append(" (").append(lines(log).size()).append(" lines)");
        }
        return text.toString();
    }

    /** Lines {@code <time> <who> <text>}, the time being one word. */
    private long countSince(Set<Path> before, char who, String text) {
        String suffix = " " + who + " " + text;
        return logs().stream().filter(log -> !before.contains(log)).flatMap(log -> lines(log).stream())
                .filter(line -> line.endsWith(suffix) && line.indexOf(' ') == line.length() - suffix.length())
                .count();
    }

    private List<Path> logs() {
        if (!Files.isDirectory(directory)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(directory)) {
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
