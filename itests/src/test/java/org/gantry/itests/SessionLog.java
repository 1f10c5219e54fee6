package org.gantry.itests;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.OptionalLong;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * One session's command log ({@code session-<id>.log}, lines {@code <time> <C|S> <text>}) of an
 * instance started with {@code --command-log}, read afresh on every call since the session may
 * still be writing it.
 */
final class SessionLog {

    private static final Pattern NAME = Pattern.compile("session-(\\d+)\\.log");
    private static final String RANGE_MARKER = "111 Range Marker ";
    private static final String STRIPE_BYTES = " Stripe Bytes Transferred: ";

    private final Path file;
    private final long id;

    private SessionLog(Path file, long id) {
        this.file = file;
        this.id = id;
    }

    /** The logs of sessions that are not in {@code before} (a {@link SessionCommandLogs#snapshot()}), by id. */
    static List<SessionLog> newSince(GantryInstance server, Set<Path> before) {
        Path directory = server.karafHome().resolve("data/log/sessions");
        if (!Files.isDirectory(directory)) {
            return List.of();
        }
        List<SessionLog> logs = new ArrayList<>();
        try (Stream<Path> files = Files.list(directory)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                Matcher name = NAME.matcher(file.getFileName().toString());
                if (name.matches() && !before.contains(file)) {
                    logs.add(new SessionLog(file, Long.parseLong(name.group(1))));
                }
            }
        } catch (IOException e) {
            return List.of();
        }
        logs.sort(Comparator.comparingLong(SessionLog::id));
        return logs;
    }

    /** The session id (as {@code gridftp:sessions} shows it). */
    long id() {
        return id;
    }

    /** Commands the client sent, in order. */
    List<String> commands() {
        return texts('C');
    }

    /** Reply lines the server sent (continuation lines included), in order. */
    List<String> replies() {
        return texts('S');
    }

    /** A command and the reply lines the server sent after it, up to the next command. */
    record Exchange(String command, List<String> replies) {

        /** The first reply line starting with {@code prefix}, or -1. */
        int indexOfReply(String prefix) {
            for (int i = 0; i < replies.size(); i++) {
                if (replies.get(i).startsWith(prefix)) {
                    return i;
                }
            }
            return -1;
        }

        @Override
        public String toString() {
            return command + " -> " + String.join(" | ", replies);
        }
    }

    /** Every command with its replies, in order (the banner, sent before any command, is left out). */
    List<Exchange> exchanges() {
        List<Exchange> exchanges = new ArrayList<>();
        String command = null;
        List<String> replies = new ArrayList<>();
        for (String line : lines()) {
            char who = who(line);
            if (who == 'C') {
                if (command != null) {
                    exchanges.add(new Exchange(command, List.copyOf(replies)));
                }
                command = text(line);
                replies.clear();
            } else if (who == 'S' && command != null) {
                replies.add(text(line));
            }
        }
        if (command != null) {
            exchanges.add(new Exchange(command, List.copyOf(replies)));
        }
        return exchanges;
    }

    boolean sentCommand(String prefix) {
        return commands().stream().anyMatch(c -> c.startsWith(prefix));
    }

    boolean sentReply(String prefix) {
        return replies().stream().anyMatch(r -> r.startsWith(prefix));
    }

    /** The ranges of every {@code 111 Range Marker} reply, merged. */
    ByteRanges rangeMarkers() {
        ByteRanges all = new ByteRanges();
        replies().stream().filter(r -> r.startsWith(RANGE_MARKER))
                .forEach(r -> all.addAll(ByteRanges.parse(r.substring(RANGE_MARKER.length()))));
        return all;
    }

    /** {@code Stripe Bytes Transferred} of the last 112 perf marker, if any. */
    OptionalLong lastStripeBytes() {
        OptionalLong last = OptionalLong.empty();
        for (String reply : replies()) {
            if (reply.startsWith(STRIPE_BYTES)) {
                last = OptionalLong.of(Long.parseLong(reply.substring(STRIPE_BYTES.length()).trim()));
            }
        }
        return last;
    }

    /** The last {@code lines} lines, for failure messages. */
    String tail(int lines) {
        List<String> all = lines();
        return file.getFileName() + ":\n" + String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
    }

    /** The text of the lines written by {@code who} ({@code C} client, {@code S} server). */
    private List<String> texts(char who) {
        List<String> out = new ArrayList<>();
        for (String line : lines()) {
            if (who(line) == who) {
                out.add(text(line));
            }
        }
        return out;
    }

    /** {@code C} or {@code S} for a line {@code <time> <who> <text>}; a blank for anything else. */
    private static char who(String line) {
        int space = line.indexOf(' ');
        if (space > 0 && line.length() >= space + 3 && line.charAt(space + 2) == ' ') {
            return line.charAt(space + 1);
        }
        return ' ';
    }

    private static String text(String line) {
        return line.substring(line.indexOf(' ') + 3);
    }

    private List<String> lines() {
        try {
            return Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return List.of();
        }
    }
}
