package org.gantry.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One transfer command as a server's command log ({@code --command-log}) shows it, with the
 * commands its session sent before, and assertions on how its data channel was set up: announced
 * in a 127 reply once the file was known (GET/PUT with {@code pasv}, delayed passive), connected
 * by the server ({@code port=}, PORT), or a cached MODE E connection reused (125).
 *
 * @param earlier  the session's exchanges before the transfer, in order
 * @param transfer the transfer command and the replies up to the session's next command
 */
record TransferDialogue(List<SessionLog.Exchange> earlier, SessionLog.Exchange transfer) {

    static final String ANNOUNCED = "127 Entering Passive Mode (";
    static final String REUSED = "125 Beginning transfer; reusing existing data connection.";
    private static final Duration LOG_WAIT = Duration.ofSeconds(10);
    private static final Pattern FINAL_REPLY = Pattern.compile("[2-5]\\d\\d .*");
    private static final Pattern HOST_PORT = Pattern.compile("(\\d+,\\d+,\\d+,\\d+,\\d+,\\d+)");

    /**
     * Waits until a session newer than {@code before} (a {@link SessionCommandLogs#snapshot()})
     * has sent a command starting with {@code command} and got its final reply.
     */
    static TransferDialogue await(GantryInstance server, Set<Path> before, String command) {
        TransferDialogue[] found = new TransferDialogue[1];
        Await.until("'" + command + "' and its final reply in a new session's command log", LOG_WAIT,
                () -> (found[0] = find(server, before, command)) != null,
                () -> "commands of the new sessions: " + SessionLog.newSince(server, before).stream()
                        .map(log -> log.id() + ": " + log.commands()).toList());
        return found[0];
    }

    private static TransferDialogue find(GantryInstance server, Set<Path> before, String command) {
        for (SessionLog log : SessionLog.newSince(server, before)) {
            List<SessionLog.Exchange> exchanges = log.exchanges();
            for (int i = 0; i < exchanges.size(); i++) {
                SessionLog.Exchange exchange = exchanges.get(i);
                if (exchange.command().startsWith(command)
                        && exchange.replies().stream().anyMatch(r -> FINAL_REPLY.matcher(r).matches())) {
                    return new TransferDialogue(exchanges.subList(0, i), exchange);
                }
            }
        }
        return null;
    }

    /**
     * The first reply was a 127 naming the data address, a 150 came after it and the transfer
     * ended with 226. Returns the address as {@code h1,h2,h3,h4,p1,p2}.
     */
    String assertAnnounced() {
        assertEquals("the first reply must be the 127 that names the data address: " + transfer,
                0, transfer.indexOfReply(ANNOUNCED));
        int started = transfer.indexOfReply("150 ");
        assertTrue("no 150 after the 127: " + transfer, started > 0);
        assertTrue("no 226 after the 150: " + transfer, transfer.indexOfReply("226 ") > started);
        return hostPort(transfer.replies().get(0));
    }

    /** The server connected to the address it was given: no 127, the 150 first, then 226. */
    void assertConnectedByServer() {
        assertEquals("a 127 to a transfer the server connects for: " + transfer, -1, transfer.indexOfReply("127 "));
        assertEquals("the first reply must be the 150: " + transfer, 0, transfer.indexOfReply("150 "));
        assertTrue("no 226 after the 150: " + transfer, transfer.indexOfReply("226 ") > 0);
    }

    /** The transfer went over the session's cached data channel: 125 first, no 127, then 226. */
    void assertReused() {
        assertEquals("the first reply must be the 125 of a reused data channel: " + transfer,
                0, transfer.indexOfReply(REUSED));
        assertEquals("a 127 to a transfer on a cached channel: " + transfer, -1, transfer.indexOfReply("127 "));
        assertTrue("no 226 after the 125: " + transfer, transfer.indexOfReply("226 ") > 0);
    }

    /**
     * {@code OPTS PASV AllowDelayed=1;} was accepted, a later PASV answered {@code 200 Passive
     * delayed.}, and this transfer got the 127 before its 150. Returns the announced address.
     */
    String assertDelayedPassive() {
        int opts = indexOfEarlier("OPTS PASV AllowDelayed=1");
        int pasv = indexOfEarlier("PASV");
        assertTrue("no OPTS PASV AllowDelayed=1 before " + transfer.command() + ": " + earlier, opts >= 0);
        assertTrue("OPTS " + earlier.get(opts), earlier.get(opts).indexOfReply("200 ") == 0);
        assertTrue("no PASV after the OPTS PASV AllowDelayed=1: " + earlier, pasv > opts);
        assertEquals("reply to PASV in delayed mode", List.of("200 Passive delayed."), earlier.get(pasv).replies());
        return assertAnnounced();
    }

    /** The last exchange before the transfer whose command starts with {@code prefix}; fails if none. */
    SessionLog.Exchange earlier(String prefix) {
        int index = indexOfEarlier(prefix);
        if (index < 0) {
            fail("no '" + prefix + "' before " + transfer.command() + ": " + earlier);
        }
        return earlier.get(index);
    }

    /** The {@code h1,h2,h3,h4,p1,p2} in {@code text} (a 127 reply, {@code port=...;}, PORT). */
    static String hostPort(String text) {
        Matcher m = HOST_PORT.matcher(text);
        assertTrue("no h1,h2,h3,h4,p1,p2 in: " + text, m.find());
        return m.group(1);
    }

    private int indexOfEarlier(String prefix) {
        for (int i = earlier.size() - 1; i >= 0; i--) {
            if (earlier.get(i).command().startsWith(prefix)) {
                return i;
            }
        }
        return -1;
    }
}
