package org.gantry.itests;

import static org.gantry.itests.GlobusUrlCopy.fileUrl;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.junit.AfterClass;
import org.junit.BeforeClass;
import org.junit.Test;

/**
 * A server behind NAT: its data listeners bind 127.0.0.1 while PASV and SPAS advertise 127.0.0.2
 * ({@code --advertise}). Server and globus-url-copy run in a network namespace of the test's own,
 * where nothing listens on 127.0.0.2 and an iptables DNAT rule maps 127.0.0.2 to 127.0.0.1, as a
 * site's NAT maps its public address. Transfers succeed only through that rule (its counter
 * shows them), and the same get fails once the rule is gone: clients use the advertised address.
 */
public class AdvertisedAddressIT {

    private static final String ADVERTISED = "127.0.0.2";
    private static final String BIND = "127.0.0.1";
    private static final String ADVERTISED_PASV = "227 Entering Passive Mode (127,0,0,2,";
    private static final String SPAS_HEADER = "229-Entering Striped Passive Mode.";
    private static final long FILE_SIZE = 6L << 20;
    /** globus-url-copy waits for the server's 425 (minutes) when it cannot connect; this ends it sooner. */
    private static final String STALL_SECONDS = "10";

    private static final String NAT_TAG = "gantry-advertised-nat";
    private static final String SYN_TAG = "gantry-syn-to-advertised";
    private static final String REFUSED_TAG = "gantry-refused-by-advertised";
    /** 127.0.0.2 -> 127.0.0.1 for connections made inside the namespace (nat OUTPUT, first packet only). */
    private static final String[] NAT_RULE = {"OUTPUT", "-t", "nat", "-d", ADVERTISED + "/32", "-p", "tcp",
        "-m", "comment", "--comment", NAT_TAG, "-j", "DNAT", "--to-destination", BIND};
    /** Counts connection attempts to 127.0.0.2 (raw runs before NAT, so it sees the advertised address). */
    private static final String[] SYN_COUNTER = {"OUTPUT", "-t", "raw", "-d", ADVERTISED + "/32", "-p", "tcp",
        "--syn", "-m", "comment", "--comment", SYN_TAG};
    /** Counts resets sent in the name of 127.0.0.2: attempts refused because nothing listens there. */
    private static final String[] REFUSED_COUNTER = {"OUTPUT", "-t", "raw", "-s", ADVERTISED + "/32", "-p", "tcp",
        "--tcp-flags", "RST", "RST", "-m", "comment", "--comment", REFUSED_TAG};

    private static NetworkNamespace namespace;
    private static GantryInstance server;
    private static SessionCommandLogs logs;
    private static Path work;

    @BeforeClass
    public static void startServerBehindNat() throws IOException {
        CommandRunner.requireTool("globus-url-copy");
        namespace = NetworkNamespace.create("gantry-nat", AdvertisedAddressIT.class.getSimpleName());
        namespace.iptables(rule("-A", SYN_COUNTER));
        namespace.iptables(rule("-A", REFUSED_COUNTER));
        namespace.iptables(rule("-A", NAT_RULE));
        work = TestData.emptyDirectory(GantryInstance.workDirectory().resolve("advertised-address"));
        server = new GantryInstance("nat", work.resolve("root")).launchedThrough(namespace.exec());
        server.start("--advertise", ADVERTISED, "--command-log");
        logs = new SessionCommandLogs(server);
    }

    /** Runs even when the start failed half-way, so no server or namespace is left behind. */
    @AfterClass
    public static void stopServerAndDeleteNamespace() throws IOException {
        try {
            if (server != null) {
                server.stop();
            }
        } finally {
            if (namespace != null) {
                namespace.close();
            }
        }
    }

    @Test
    public void streamPutAndGetConnectThroughTheNat() throws IOException {
        Path source = TestData.randomFile(work.resolve("stream.src"), 71, FILE_SIZE);
        Set<Path> before = logs.snapshot();

        long nat = natConnections();
        guc(fileUrl(source), server.url("stream.bin")).assertSuccess();
        assertNatConnections("stream-mode put", nat, 1);
        assertSameBytes("file stored by the stream-mode put", source, server.root().resolve("stream.bin"));

        Path downloaded = work.resolve("stream.downloaded");
        nat = natConnections();
        streamGet("stream.bin", downloaded).assertSuccess();
        assertNatConnections("stream-mode get", nat, 1);
        assertSameBytes("file fetched by the stream-mode get", source, downloaded);

        assertPassiveRepliesAdvertised(before, 2);
    }

    @Test
    public void modeEPutWithTwoStreamsConnectsThroughTheNat() throws IOException {
        Path source = TestData.randomFile(work.resolve("mode-e.src"), 72, FILE_SIZE);
        Set<Path> before = logs.snapshot();

        long nat = natConnections();
        guc("-p", "2", fileUrl(source), server.url("mode-e.bin")).assertSuccess();
        assertNatConnections("MODE E put with -p 2", nat, 2);
        assertSameBytes("file stored by the MODE E put", source, server.root().resolve("mode-e.bin"));

        assertTrue("the client did not switch to MODE E; " + logs.summary(),
                SessionLog.newSince(server, before).stream().anyMatch(log -> log.sentCommand("MODE E")));
        assertPassiveRepliesAdvertised(before, 1);
    }

    /** With {@code -stripe} the client asks for SPAS, whose host-port line must be the advertised one. */
    @Test
    public void stripedPutConnectsToTheSpasAddressThroughTheNat() throws IOException {
        Path source = TestData.randomFile(work.resolve("striped.src"), 73, FILE_SIZE);
        Set<Path> before = logs.snapshot();

        long nat = natConnections();
        guc("-stripe", "-p", "2", fileUrl(source), server.url("striped.bin")).assertSuccess();
        assertNatConnections("striped put with -p 2", nat, 2);
        assertSameBytes("file stored by the striped put", source, server.root().resolve("striped.bin"));

        List<String> stripes = spasHostPorts(before);
        assertFalse("no SPAS reply in the new sessions; " + logs.summary(), stripes.isEmpty());
        for (String stripe : stripes) {
            assertTrue("SPAS named " + stripe + " instead of the advertised " + ADVERTISED,
                    stripe.startsWith("127,0,0,2,"));
        }
    }

    /**
     * Control: without the DNAT rule the same get fails, after one connection attempt to
     * 127.0.0.2 that is refused; with the rule back it succeeds again.
     */
    @Test
    public void withoutTheNatTheSameGetFails() throws IOException {
        byte[] content = TestData.bytes(74, 1 << 20);
        Files.write(server.root().resolve("control.bin"), content);
        Path downloaded = work.resolve("control.downloaded");
        Set<Path> before = logs.snapshot();

        long syns = namespace.packets("raw", SYN_TAG);
        long refusals = namespace.packets("raw", REFUSED_TAG);
        namespace.iptables(rule("-D", NAT_RULE));
        CommandRunner.Result withoutNat;
        try {
            withoutNat = streamGet("control.bin", downloaded);
        } finally {
            namespace.iptables(rule("-A", NAT_RULE));
        }
        assertNotEquals("the get succeeded without the NAT, so the client did not connect to " + ADVERTISED
                + ":\n" + withoutNat.output(), 0, withoutNat.exitCode());
        assertTrue("the client made no connection attempt to " + ADVERTISED,
                namespace.packets("raw", SYN_TAG) > syns);
        assertTrue("no connection to " + ADVERTISED + " was refused",
                namespace.packets("raw", REFUSED_TAG) > refusals);
        assertPassiveRepliesAdvertised(before, 1);

        long nat = natConnections();
        streamGet("control.bin", downloaded).assertSuccess();
        assertNatConnections("the get with the NAT restored", nat, 1);
        assertEquals("SHA-256 of the file fetched with the NAT restored", TestData.sha256(
                server.root().resolve("control.bin")), TestData.sha256(downloaded));
    }

    /** The stream-mode get of the tests above (the client connects to the PASV address). */
    private static CommandRunner.Result streamGet(String path, Path local) throws IOException {
        return guc(server.url(path), fileUrl(local));
    }

    /** globus-url-copy inside the namespace; the caller checks the result. */
    private static CommandRunner.Result guc(String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of("globus-url-copy", "-st", STALL_SECONDS));
        command.addAll(List.of(args));
        return namespace.run(CommandRunner.CLIENT_TIMEOUT, command);
    }

    private static long natConnections() throws IOException {
        return namespace.packets("nat", NAT_TAG);
    }

    /** The nat table sees only a connection's first packet, so its counter counts connections. */
    private static void assertNatConnections(String what, long before, int atLeast) throws IOException {
        long made = natConnections() - before;
        assertTrue(what + ": " + made + " data connection(s) to " + ADVERTISED + " went through the NAT, expected at least "
                + atLeast, made >= atLeast);
    }

    /**
     * The sessions opened since {@code before} sent at least {@code atLeast} 227 replies, every
     * one naming the advertised address (none the bind address).
     */
    private static void assertPassiveRepliesAdvertised(Set<Path> before, int atLeast) {
        Await.until(atLeast + " 227 replies in the new sessions' command logs", Duration.ofSeconds(10),
                () -> pasvReplies(before).size() >= atLeast, () -> pasvReplies(before) + "; " + logs.summary());
        for (String reply : pasvReplies(before)) {
            assertTrue("PASV reply " + reply + " does not advertise " + ADVERTISED, reply.startsWith(ADVERTISED_PASV));
        }
    }

    private static List<String> pasvReplies(Set<Path> before) {
        return SessionLog.newSince(server, before).stream().flatMap(log -> log.replies().stream())
                .filter(reply -> reply.startsWith("227 ")).toList();
    }

    /** The host-port lines that follow each {@code 229-Entering Striped Passive Mode.} line. */
    private static List<String> spasHostPorts(Set<Path> before) {
        List<String> hostPorts = new ArrayList<>();
        for (SessionLog log : SessionLog.newSince(server, before)) {
            List<String> replies = log.replies();
            for (int i = 0; i + 1 < replies.size(); i++) {
                if (replies.get(i).equals(SPAS_HEADER)) {
                    hostPorts.add(replies.get(i + 1).trim());
                }
            }
        }
        return hostPorts;
    }

    private static void assertSameBytes(String what, Path expected, Path actual) throws IOException {
        assertTrue(what + " is missing: " + actual, Files.isRegularFile(actual));
        assertEquals("size of the " + what, Files.size(expected), Files.size(actual));
        assertEquals("SHA-256 of the " + what, TestData.sha256(expected), TestData.sha256(actual));
    }

    /** {@code iptables <action> <chain> <spec...>}. */
    private static String[] rule(String action, String[] chainAndSpec) {
        String[] args = new String[chainAndSpec.length + 1];
        args[0] = action;
        System.arraycopy(chainAndSpec, 0, args, 1, chainAndSpec.length);
        return args;
    }
}
