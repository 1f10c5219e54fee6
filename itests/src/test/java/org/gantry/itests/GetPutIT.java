package org.gantry.itests;

import static org.gantry.itests.GlobusUrlCopy.fileUrl;
import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.junit.ClassRule;
import org.junit.Test;

/**
 * GridFTP v2 GET and PUT as globus-url-copy uses them once FEAT lists GETPUT: stream and MODE E
 * uploads and downloads, a tree over cached data channels, and third-party copies between two
 * Gantry servers and with the real Globus server. Every copy is compared byte for byte, and the
 * servers' command logs must show the GET/PUT and how its data channel was set up: a
 * {@code pasv} one announced in a 127 before the 150, a {@code port=} one connected by the server
 * (the MODE E sender always connects), a cached one reused with 125. Bad GET/PUT parameters on
 * a raw control connection get clear replies and leave the session usable.
 */
public class GetPutIT {

    private static final long SIZE = 3L << 20;
    private static final int TREE_FILES = 30;
    private static final String[] STREAM = {};
    private static final String[] MODE_E = {"-p", "2"};

    @ClassRule
    public static final LaunchedServer gantry = new LaunchedServer("getput-a").requiring("globus-url-copy")
            .withGetPut().withOptions("--command-log");
    @ClassRule
    public static final LaunchedServer otherGantry = new LaunchedServer("getput-b").withGetPut()
            .withOptions("--command-log");
    @ClassRule
    public static final LaunchedGlobus globus = new LaunchedGlobus("getput-globus");

    @Test
    public void streamPutAndGetAnnounceTheirListenerIn127() throws IOException {
        Path source = TestData.randomFile(gantry.work().resolve("stream.src"), 11, SIZE);
        Set<Path> before = snapshot(gantry);
        GlobusUrlCopy.run(fileUrl(source), gantry.url("stream.bin"));
        TestData.assertSameContent(source, gantry.root().resolve("stream.bin"));
        TransferDialogue.await(gantry.instance(), before, "PUT path=/stream.bin;pasv;").assertAnnounced();

        Path back = gantry.work().resolve("stream.back");
        GlobusUrlCopy.run(gantry.url("stream.bin"), fileUrl(back));
        TestData.assertSameContent(source, back);
        TransferDialogue.await(gantry.instance(), before, "GET path=/stream.bin;pasv;").assertAnnounced();
    }

    /** MODE E: the receiver listens (PUT with pasv, 127), the sender connects (GET with port=). */
    @Test
    public void modeEPutAndGetWithFourStreams() throws IOException {
        Path source = TestData.randomFile(gantry.work().resolve("p4.src"), 12, SIZE);
        Set<Path> before = snapshot(gantry);
        GlobusUrlCopy.run("-p", "4", fileUrl(source), gantry.url("p4.bin"));
        TestData.assertSameContent(source, gantry.root().resolve("p4.bin"));
        TransferDialogue put = TransferDialogue.await(gantry.instance(), before, "PUT path=/p4.bin;pasv;");
        put.earlier("MODE E");
        put.assertAnnounced();

        Path back = gantry.work().resolve("p4.back");
        GlobusUrlCopy.run("-p", "4", gantry.url("p4.bin"), fileUrl(back));
        TestData.assertSameContent(source, back);
        TransferDialogue get = TransferDialogue.await(gantry.instance(), before, "GET path=/p4.bin;port=");
        assertEquals("parallelism asked for before the GET", "200 OPTS Command Successful.",
                get.earlier("OPTS RETR Parallelism=4,4,4;").replies().get(0));
        get.assertConnectedByServer();
    }

    /**
     * {@code -fast -p 4 -cd -r}: every PUT asks for a new listener ({@code pasv}, 127), while every
     * GET names no address and travels over the connections the MLSD before it opened (125).
     */
    @Test
    public void treeWithCachedDataChannels() throws IOException {
        Path tree = gantry.work().resolve("tree");
        List<String> names = TestData.smallFiles(tree, TREE_FILES, 13);
        Set<Path> before = snapshot(gantry);
        GlobusUrlCopy.run("-fast", "-p", "4", "-cd", "-r", fileUrl(tree) + "/", gantry.url("tree/"));
        TestData.assertSameFiles(tree, gantry.root().resolve("tree"));
        for (String name : names) {
            TransferDialogue.await(gantry.instance(), before, "PUT path=/tree/" + name + ";pasv;").assertAnnounced();
        }

        Path back = gantry.work().resolve("tree-back");
        GlobusUrlCopy.run("-fast", "-p", "4", "-cd", "-r", gantry.url("tree/"), fileUrl(back) + "/");
        TestData.assertSameFiles(tree, back);
        for (String name : names) {
            TransferDialogue.await(gantry.instance(), before, "GET path=/tree/" + name + ";").assertReused();
        }
    }

    @Test
    public void gantryToGantryStream() throws IOException {
        gantryToGantry("g2g-stream", 21, STREAM);
    }

    @Test
    public void gantryToGantryModeE() throws IOException {
        gantryToGantry("g2g-p2", 22, MODE_E);
    }

    @Test
    public void gantryToGlobusStream() throws IOException {
        gantryToGlobus("g2globus-stream", 23, STREAM);
    }

    @Test
    public void gantryToGlobusModeE() throws IOException {
        gantryToGlobus("g2globus-p2", 24, MODE_E);
    }

    @Test
    public void globusToGantryStream() throws IOException {
        globusToGantry("globus2g-stream", 25, STREAM);
    }

    @Test
    public void globusToGantryModeE() throws IOException {
        globusToGantry("globus2g-p2", 26, MODE_E);
    }

    /** The destination announces its listener in a 127; the source connects exactly there. */
    private static void gantryToGantry(String name, long seed, String[] options) throws IOException {
        Path source = TestData.randomFile(gantry.root().resolve(name + ".src"), seed, SIZE);
        Set<Path> sourceBefore = snapshot(gantry);
        Set<Path> destinationBefore = snapshot(otherGantry);
        GlobusUrlCopy.run(args(options, gantry.url(name + ".src"), otherGantry.url(name + ".dst")));
        TestData.assertSameContent(source, otherGantry.root().resolve(name + ".dst"));

        String listener = TransferDialogue.await(otherGantry.instance(), destinationBefore,
                "PUT path=/" + name + ".dst;pasv;").assertAnnounced();
        TransferDialogue get = TransferDialogue.await(gantry.instance(), sourceBefore, "GET path=/" + name + ".src;port=");
        get.assertConnectedByServer();
        assertEquals("the source must connect where the destination's 127 said: " + get.transfer(),
                listener, TransferDialogue.hostPort(get.transfer().command()));
    }

    /** Globus lists no GETPUT, so it gets STOR; Gantry, the source, gets a GET with port=. */
    private static void gantryToGlobus(String name, long seed, String[] options) throws IOException {
        Path source = TestData.randomFile(gantry.root().resolve(name + ".src"), seed, SIZE);
        Set<Path> before = snapshot(gantry);
        GlobusUrlCopy.run(args(options, gantry.url(name + ".src"), globus.url(name + ".dst")));
        TestData.assertSameContent(source, globus.root().resolve(name + ".dst"));
        TransferDialogue.await(gantry.instance(), before, "GET path=/" + name + ".src;port=").assertConnectedByServer();
    }

    private static void globusToGantry(String name, long seed, String[] options) throws IOException {
        Path source = globus.file(name + ".src", seed, SIZE);
        Set<Path> before = snapshot(gantry);
        GlobusUrlCopy.run(args(options, globus.url(name + ".src"), gantry.url(name + ".dst")));
        TestData.assertSameContent(source, gantry.root().resolve(name + ".dst"));
        TransferDialogue.await(gantry.instance(), before, "PUT path=/" + name + ".dst;pasv;").assertAnnounced();
    }

    @Test
    public void featListsGetPutAndDelayedPassive() throws IOException {
        try (FtpTestClient ftp = FtpTestClient.loggedIn(gantry.port())) {
            List<String> feat = ftp.command("FEAT", 211).lines();
            assertTrue("FEAT must list GETPUT: " + feat, feat.contains(" GETPUT"));
            assertTrue("FEAT must list PASV AllowDelayed;: " + feat, feat.contains(" PASV AllowDelayed;"));
        }
    }

    /**
     * Bad parameters get a 501/504 that says what is wrong, a missing file its 550 without a 127
     * the client would connect to in vain, and the session still transfers afterwards.
     */
    @Test
    public void badGetPutParametersGetClearRepliesAndTheSessionGoesOn() throws IOException {
        byte[] content = TestData.bytes(31, 50_000);
        Files.write(gantry.root().resolve("bad-input.bin"), content);
        Set<Path> before = snapshot(gantry);
        try (FtpTestClient ftp = FtpTestClient.loggedIn(gantry.port())) {
            ftp.command("TYPE I", 200);
            ftp.command("GET", 501);
            assertReply(ftp, "GET pasv;", 501, "Missing path");
            assertReply(ftp, "PUT mode=E;pasv;", 501, "Missing path");
            assertReply(ftp, "GET path=/bad-input.bin;pasv;port=127,0,0,1,4,1;", 501, "both");
            assertReply(ftp, "PUT path=/bad-put.bin;port=127,0,0,1,4;", 501, "port");
            assertReply(ftp, "GET path=/bad-input.bin;port=127,0,0,1,4,256;", 501, "port");
            assertReply(ftp, "GET path=/bad-input.bin;port=a,b,c,d,e,f;", 501, "port");
            assertReply(ftp, "GET path=/bad-input.bin;mode=X;pasv;", 504, "MODE X");
            assertReply(ftp, "GET path=/missing.bin;pasv;", 550, "");
            ftp.command("NOOP", 200);
            assertArrayEquals("a RETR on the same session after the bad commands", content,
                    ftp.retrieve("/bad-input.bin"));
        }
        TransferDialogue missing = TransferDialogue.await(gantry.instance(), before, "GET path=/missing.bin;pasv;");
        assertEquals("replies to a GET of a missing file", 1, missing.transfer().replies().size());
        assertTrue("the missing file must get its 550 and no 127: " + missing.transfer(),
                missing.transfer().replies().get(0).startsWith("550 "));
        assertFalse("a refused PUT must leave nothing", Files.exists(gantry.root().resolve("bad-put.bin")));
    }

    private static void assertReply(FtpTestClient ftp, String command, int code, String text) throws IOException {
        FtpReply reply = ftp.command(command, code);
        assertTrue(command + " -> " + reply + " must say '" + text + "'", reply.toString().contains(text));
    }

    private static Set<Path> snapshot(LaunchedServer server) {
        return new SessionCommandLogs(server.instance()).snapshot();
    }

    private static List<String> args(String[] options, String from, String to) {
        List<String> args = new ArrayList<>(List.of(options));
        args.add(from);
        args.add(to);
        return args;
    }
}
