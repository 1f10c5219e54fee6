package org.gantry.itests;

import static org.gantry.itests.GlobusUrlCopy.fileUrl;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.ClassRule;
import org.junit.Test;

/**
 * Data channel security with the real globus-url-copy over gsiftp: 1 GiB up and down on four
 * streams with the default DCAU A (FEAT lists DCAU, so the client authenticates every data
 * connection with the proxy it delegated), with {@code -nodcau}, and with {@code -dcpriv}
 * (PROT P: the data inside TLS); listings under DCAU A; and the refusals of a session that
 * cannot authenticate its data channels.
 */
public class DcauIT {

    private static final GsiPki PKI = GsiPki.make("dcau-pki");
    private static final Map<String, String> CLIENT = PKI.clientEnvironment(PKI.proxy());
    private static final long SIZE = 1L << 30;

    @ClassRule
    public static final LaunchedServer server = new LaunchedServer("dcau").requiring("globus-url-copy")
            .withOptions(PKI.launcherOptions("--command-log"));

    private static Path source;
    private static String sourceSha;

    private static synchronized Path source() throws IOException {
        if (source == null) {
            source = TestData.randomFile(server.work().resolve("dcau-1g.src"), 61, SIZE);
            sourceSha = TestData.sha256(source);
        }
        return source;
    }

    @Test
    public void oneGibOnFourStreamsWithTheDefaultDcauA() throws IOException {
        Dialogue dialogue = putAndGet("default", List.of());
        assertTrue(dialogue.replies.toString(), dialogue.replies.contains(" DCAU"));
        assertEquals("no DCAU command: A is the default", 0, dialogue.count("DCAU"));
        assertEquals(0, dialogue.count("PROT P"));
        assertEquals(2, dialogue.transfersWith("data=authenticated"));
    }

    @Test
    public void oneGibOnFourStreamsWithoutDataChannelAuthentication() throws IOException {
        Dialogue dialogue = putAndGet("nodcau", List.of("-nodcau"));
        assertEquals(2, dialogue.count("DCAU N"));
        assertEquals(2, dialogue.transfersWith("data=clear"));
    }

    @Test
    public void oneGibOnFourStreamsInsideTls() throws IOException {
        Dialogue dialogue = putAndGet("dcpriv", List.of("-dcpriv"));
        assertEquals(2, dialogue.count("PROT P"));
        assertEquals(2, dialogue.transfersWith("data=private"));
    }

    @Test
    public void listingsTravelOverAuthenticatedDataConnections() throws IOException {
        Path dir = Files.createDirectories(server.root().resolve("listed"));
        Files.writeString(dir.resolve("one.txt"), "1");
        Files.writeString(dir.resolve("two.txt"), "22");
        for (List<String> flags : List.of(List.<String>of(), List.of("-dcpriv"))) {
            List<String> command = new ArrayList<>(List.of("globus-url-copy"));
            command.addAll(flags);
            command.addAll(List.of("-list", server.gsiUrl("listed/")));
            String listing = CommandRunner.run(CommandRunner.CLIENT_TIMEOUT, CLIENT, command).assertSuccess().output();
            Set<String> names = Set.copyOf(listing.lines().map(String::trim).toList());
            assertTrue(flags + ":\n" + listing, names.containsAll(Set.of("one.txt", "two.txt")));
        }
    }

    /** A client that delegated nothing has no credential for the data channel: it may only use DCAU N. */
    @Test
    public void withoutADelegatedCredentialDcauAAndProtPAreRefused() throws IOException {
        try (GsiTestClient client = GsiTestClient.connect(server.port(), PKI.user()).authenticated()) {
            assertEquals("230 User " + GsiPki.ACCOUNT + " logged in.", client.login().lines().get(0));
            FtpReply dcau = client.enc("DCAU A");
            assertEquals(dcau.toString(), 534, dcau.code());
            assertTrue(dcau.toString(), dcau.toString().contains("delegated"));
            FtpReply prot = client.enc("PROT P");
            assertEquals(prot.toString(), 534, prot.code());
            assertEquals(200, client.enc("DCAU N").code());
            assertEquals(200, client.enc("PROT C").code());
        }
    }

    private record Dialogue(List<String> commands, List<String> replies, List<String> transfers) {

        long count(String command) {
            return commands.stream().filter(command::equals).count();
        }

        long transfersWith(String field) {
            return transfers.stream().filter(line -> line.contains(" " + field)).count();
        }
    }

    /** Puts the 1 GiB file with {@code -p 4} and gets it back, checking both copies byte for byte. */
    private static Dialogue putAndGet(String name, List<String> flags) throws IOException {
        Path src = source();
        SessionCommandLogs logs = new SessionCommandLogs(server.instance());
        Set<Path> before = logs.snapshot();
        long transferLines = transferLog().size();
        Path onServer = server.root().resolve(name + ".bin");
        Path back = server.work().resolve(name + ".back");
        try {
            guc(flags, fileUrl(src), server.gsiUrl(name + ".bin"));
            assertEquals("SHA-256 on the server disk", sourceSha, TestData.sha256(onServer));
            guc(flags, server.gsiUrl(name + ".bin"), fileUrl(back));
            assertEquals("SHA-256 of the copy fetched back", sourceSha, TestData.sha256(back));
        } finally {
            Files.deleteIfExists(onServer);
            Files.deleteIfExists(back);
        }
        List<String> transfers = transferLog();
        return new Dialogue(logs.commandsSince(before), logs.repliesSince(before),
                transfers.subList((int) transferLines, transfers.size()));
    }

    private static void guc(List<String> flags, String from, String to) throws IOException {
        List<String> command = new ArrayList<>(List.of("globus-url-copy", "-p", "4"));
        command.addAll(flags);
        command.addAll(List.of(from, to));
        CommandRunner.run(CommandRunner.CLIENT_TIMEOUT, CLIENT, command).assertSuccess();
    }

    private static List<String> transferLog() throws IOException {
        Path log = server.karafHome().resolve("data/log/transfer.log");
        return Files.exists(log) ? Files.readAllLines(log, StandardCharsets.UTF_8) : List.of();
    }
}
