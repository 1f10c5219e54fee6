package org.gantry.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/**
 * Checks, in one Gantry server's per-session command log ({@code --command-log}), that the server
 * itself took part in a third-party copy over GSI, looking only at the sessions opened after
 * {@link #watch}: as the source it must have been told to connect out (PORT/SPOR; a relay through
 * the client would have asked it for PASV) and sent the file; as the destination it must have
 * listened and stored it; always after a GSI login mapped to {@value GsiPki#ACCOUNT}.
 */
public record GsiTransferLog(SessionCommandLogs logs, Set<Path> before) {

    /** Starts watching: sessions that exist now are ignored. */
    public static GsiTransferLog watch(LaunchedServer server) {
        SessionCommandLogs logs = new SessionCommandLogs(server.instance());
        return new GsiTransferLog(logs, logs.snapshot());
    }

    /** The commands of the watched sessions, for checks of the transfer parameters. */
    public List<String> commands() {
        return logs.commandsSince(before);
    }

    public void assertSent(String path) {
        List<String> commands = assertGsiTransfer("RETR " + path);
        assertTrue("Gantry as the source must connect to the destination:\n" + commands,
                commands.stream().anyMatch(c -> c.startsWith("PORT ") || c.startsWith("SPOR ")));
    }

    public void assertReceived(String path) {
        List<String> commands = assertGsiTransfer("STOR " + path);
        assertTrue("Gantry as the destination must listen:\n" + commands,
                commands.stream().anyMatch(c -> c.equals("PASV") || c.equals("SPAS")));
    }

    /** Gantry answered gfal2's CKSM for {@code path} with the ADLER32 of {@code content}. */
    public void assertAdler32(String path, Path content) throws IOException {
        String expected = "213 " + LocalChecksum.ofFile(content, List.of("ADLER32")).get("ADLER32");
        assertEquals(logs.commandsSince(before).toString(), 1, logs.countCommandsSince(before, "CKSM ADLER32 0 -1 " + path));
        assertEquals(logs.repliesSince(before).toString(), 1, logs.countRepliesSince(before, expected));
    }

    private List<String> assertGsiTransfer(String transfer) {
        List<String> commands = logs.commandsSince(before);
        List<String> replies = logs.repliesSince(before);
        assertEquals(transfer + " in Gantry's sessions:\n" + commands, 1, logs.countCommandsSince(before, transfer));
        assertTrue("Gantry must report the transfer complete:\n" + replies, replies.contains("226 Transfer Complete."));
        assertTrue("the sessions must log in through GSI:\n" + replies,
                replies.contains("235 GSSAPI Authentication successful.")
                        && replies.contains("230 User " + GsiPki.ACCOUNT + " logged in."));
        return commands;
    }
}
