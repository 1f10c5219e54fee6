package org.gantry.itests;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Control-channel steps of MODE E transfers, on {@link FtpTestClient} and {@link ModeEPeer}: the
 * sender is always the active side (STOR after PASV/EPSV/SPAS, RETR after PORT/EPRT/SPOR), and
 * receives come with 111/112 marker replies before the final one.
 */
final class ModeETransfers {

    /** Control replies must come within this; a hung server fails the test in seconds. */
    static final int CONTROL_TIMEOUT_MILLIS = 10_000;

    /** Longest wait for a non-marker reply while markers keep arriving. */
    static final Duration REPLY_DEADLINE = Duration.ofSeconds(20);

    /** Block size of test uploads: small, so that even 1 MiB makes many out-of-order blocks. */
    static final int BLOCK = 32 * 1024;

    /** Longest wait for the EODs of a test download. */
    private static final Duration RECEIVE_TIMEOUT = ModeEPeer.IO_TIMEOUT.multipliedBy(2);

    private static final Pattern RANGE_MARKER = Pattern.compile("^111 Range Marker (\\S+)\\s*$");
    private static final Pattern STRIPE_BYTES = Pattern.compile("Stripe Bytes Transferred:\\s*(\\d+)");
    private static final Pattern HOST_PORT =
            Pattern.compile("^\\s*(\\d+),(\\d+),(\\d+),(\\d+),(\\d+),(\\d+)\\s*$");
    private static final Pattern EXTENDED_HOST_PORT = Pattern.compile("^\\s*\\|([12])\\|([^|]+)\\|(\\d+)\\|\\s*$");
    private static final Pattern EPSV_PORT = Pattern.compile("\\(\\|\\|\\|(\\d+)\\|\\)");

    private ModeETransfers() {
    }

    /** Logged in on {@code host}, TYPE I, MODE E, tight control timeout. */
    static FtpTestClient session(String host, int port) throws IOException {
        FtpTestClient ftp = FtpTestClient.loggedIn(host, port);
        ftp.controlSocket().setSoTimeout(CONTROL_TIMEOUT_MILLIS);
        ftp.command("TYPE I", 200);
        ftp.command("MODE E", 200);
        return ftp;
    }

    static FtpTestClient session(int port) throws IOException {
        return session("127.0.0.1", port);
    }

    /** PASV, then {@code n} connections to the advertised address. */
    static List<Socket> passive(FtpTestClient ftp, ModeEPeer peer, int n) throws IOException {
        return peer.connect(ftp.passiveAddress(), n);
    }

    /** EPSV; the port from {@code (|||port|)}, the host being the control connection's peer. */
    static InetSocketAddress extendedPassiveAddress(FtpTestClient ftp) throws IOException {
        FtpReply reply = ftp.command("EPSV", 229);
        Matcher m = EPSV_PORT.matcher(reply.lines().get(0));
        assertTrue("cannot parse the EPSV reply: " + reply, m.find());
        InetAddress host = ftp.controlSocket().getInetAddress();
        return new InetSocketAddress(host, Integer.parseInt(m.group(1)));
    }

    /**
     * SPAS: {@code 229-Entering Striped Passive Mode.}, one line per stripe ({@code h1,...,p2} or,
     * over IPv6, {@code |2|addr|port|}), {@code 229 End}. Returns the stripes' addresses.
     */
    static List<InetSocketAddress> stripedPassive(FtpTestClient ftp) throws IOException {
        FtpReply reply = ftp.command("SPAS", 229);
        List<String> lines = reply.lines();
        assertTrue("SPAS must answer with a multi-line 229: " + reply,
                lines.size() >= 3 && lines.get(0).startsWith("229-"));
        assertTrue("first SPAS line: " + reply, lines.get(0).contains("Entering Striped Passive Mode"));
        assertTrue("last SPAS line: " + reply, lines.get(lines.size() - 1).startsWith("229 "));
        List<InetSocketAddress> stripes = new ArrayList<>();
        for (String line : lines.subList(1, lines.size() - 1)) {
            Matcher v4 = HOST_PORT.matcher(line);
            Matcher extended = EXTENDED_HOST_PORT.matcher(line);
            if (v4.matches()) {
                String host = v4.group(1) + "." + v4.group(2) + "." + v4.group(3) + "." + v4.group(4);
                stripes.add(new InetSocketAddress(host,
                        Integer.parseInt(v4.group(5)) * 256 + Integer.parseInt(v4.group(6))));
            } else if (extended.matches()) {
                stripes.add(new InetSocketAddress(InetAddress.getByName(extended.group(2)),
                        Integer.parseInt(extended.group(3))));
            } else {
                throw new AssertionError("SPAS stripe line '" + line + "' is neither h1,h2,h3,h4,p1,p2 nor |af|addr|port|");
            }
        }
        return stripes;
    }

    /** Listens on the control connection's local address and sends PORT (IPv4) or EPRT. */
    static void active(FtpTestClient ftp, ModeEPeer peer, boolean extended) throws IOException {
        InetSocketAddress address = peer.listen(ftp.controlSocket().getLocalAddress());
        if (extended) {
            ftp.command("EPRT " + ModeEPeer.extendedHostPort(address), 200);
        } else {
            ftp.command("PORT " + ModeEPeer.hostPort(address), 200);
        }
    }

    /** OPTS RETR Parallelism=n,n,n; then PORT (or EPRT): the server sends on n connections to the peer. */
    static void activeParallel(FtpTestClient ftp, ModeEPeer peer, int n, boolean extended) throws IOException {
        parallelism(ftp, n);
        active(ftp, peer, extended);
    }

    static void parallelism(FtpTestClient ftp, int n) throws IOException {
        ftp.command("OPTS RETR Parallelism=" + n + "," + n + "," + n + ";", 200);
    }

    static boolean isMarker(FtpReply reply) {
        return reply.code() == 111 || reply.code() == 112;
    }

    /**
     * The next reply that is not a 111/112 marker; markers read on the way go to {@code markers}.
     * A server that keeps sending markers but never answers fails after {@link #REPLY_DEADLINE}.
     */
    static FtpReply nextNonMarker(FtpTestClient ftp, List<FtpReply> markers) throws IOException {
        long deadline = System.nanoTime() + REPLY_DEADLINE.toNanos();
        FtpReply reply = ftp.readReply();
        while (isMarker(reply)) {
            if (markers != null) {
                markers.add(reply);
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("only 111/112 markers for " + REPLY_DEADLINE.toSeconds()
                        + " s, no other reply; last: " + reply);
            }
            reply = ftp.readReply();
        }
        return reply;
    }

    /** The replies that have already arrived, read without waiting for more. */
    static List<FtpReply> arrived(FtpTestClient ftp) throws IOException {
        List<FtpReply> replies = new ArrayList<>();
        while (ftp.controlSocket().getInputStream().available() > 0) {
            replies.add(ftp.readReply());
        }
        return replies;
    }

    /** Sends a transfer command and asserts it starts with {@code expected} (150 or 125). */
    static void start(FtpTestClient ftp, String command, int expected) throws IOException {
        FtpReply reply = ftp.command(command);
        FtpTestClient.expect(expected, reply, command);
    }

    /** Reads to the end of a transfer and asserts 226; returns the markers seen on the way. */
    static List<FtpReply> complete(FtpTestClient ftp, String what) throws IOException {
        List<FtpReply> markers = new ArrayList<>();
        FtpTestClient.expect(226, nextNonMarker(ftp, markers), what + " (markers: " + markers + ")");
        return markers;
    }

    /**
     * STOR of the whole file on connections already open (after PASV, EPSV or SPAS, and ALLO if
     * wanted), blocks out of order; asserts 150 and 226.
     */
    static void store(FtpTestClient ftp, ModeEPeer peer, List<Socket> data, String path, byte[] content, long seed)
            throws IOException {
        start(ftp, "STOR " + path, 150);
        peer.sendFile(data, content, ByteRanges.of(0, content.length), BLOCK, seed);
        peer.flush(ModeEPeer.IO_TIMEOUT);
        complete(ftp, "STOR " + path + " on " + data.size() + " connections");
    }

    /**
     * Reads what the server sends on {@code data} for the transfer just started, up to every
     * EOD, then the 226; asserts the GFD.20 accounting for those {@code data.size()} connections.
     */
    static ModeEReceived receive(FtpTestClient ftp, ModeEPeer peer, List<Socket> data, String what)
            throws IOException {
        ModeEReceived received = peer.receive(data, RECEIVE_TIMEOUT);
        complete(ftp, what);
        received.assertAccounting(data.size());
        return received;
    }

    /**
     * A normal MODE E upload over a fresh PASV with {@code connections} connections, blocks out
     * of order; asserts 150 and 226.
     */
    static void upload(FtpTestClient ftp, String path, byte[] content, int connections, long seed)
            throws IOException {
        try (ModeEPeer peer = new ModeEPeer()) {
            List<Socket> data = passive(ftp, peer, connections);
            ftp.command("ALLO " + content.length, 200);
            store(ftp, peer, data, path, content, seed);
        }
    }

    /** The ranges of a {@code 111 Range Marker a-b,c-d} reply. */
    static ByteRanges rangeMarker(FtpReply reply) {
        Matcher m = RANGE_MARKER.matcher(reply.lines().get(0));
        assertTrue("not a range marker: " + reply, reply.code() == 111 && m.matches());
        return ByteRanges.parse(m.group(1));
    }

    /** The {@code Stripe Bytes Transferred:} number of a 112 perf marker. */
    static long stripeBytes(FtpReply reply) {
        assertEquals("not a perf marker: " + reply, 112, reply.code());
        Matcher m = STRIPE_BYTES.matcher(String.join("\n", reply.lines()));
        assertTrue("no 'Stripe Bytes Transferred:' in " + reply, m.find());
        return Long.parseLong(m.group(1));
    }

    /** Asserts the file under the root has exactly {@code content}. */
    static void assertStored(Path file, byte[] content) throws IOException {
        assertTrue(file + " must exist after the upload", Files.isRegularFile(file));
        assertArrayEquals("content of " + file, content, Files.readAllBytes(file));
    }
}
