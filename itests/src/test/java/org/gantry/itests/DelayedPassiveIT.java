package org.gantry.itests;

import static org.gantry.itests.GlobusUrlCopy.fileUrl;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import org.junit.ClassRule;
import org.junit.Test;

/**
 * Delayed passive with GETPUT switched off (GridFTP v1 commands): globus-url-copy {@code -dp}
 * sends {@code OPTS PASV AllowDelayed=1;}, its PASV gets {@code 200 Passive delayed.}, and the
 * RETR or STOR that follows gets the listener's address in a 127 before its 150: uploads and
 * downloads, MODE E (whose delayed listener later files reuse), and third-party copies into
 * Gantry from Gantry and from the real Globus server. Without GETPUT, FEAT does not list it and
 * GET/PUT are refused.
 */
public class DelayedPassiveIT {

    private static final long SIZE = 3L << 20;
    private static final int TREE_FILES = 30;

    @ClassRule
    public static final LaunchedServer gantry = new LaunchedServer("delayed-pasv").requiring("globus-url-copy")
            .withOptions("--command-log");

    @ClassRule
    public static final LaunchedGlobus globus = new LaunchedGlobus("delayed-pasv-globus");

    @Test
    public void streamPutAndGet() throws IOException {
        Path source = TestData.randomFile(gantry.work().resolve("dp.src"), 41, SIZE);
        Set<Path> before = snapshot();
        GlobusUrlCopy.run("-dp", fileUrl(source), gantry.url("dp.bin"));
        TestData.assertSameContent(source, gantry.root().resolve("dp.bin"));
        TransferDialogue.await(gantry.instance(), before, "STOR /dp.bin").assertDelayedPassive();

        Path back = gantry.work().resolve("dp.back");
        GlobusUrlCopy.run("-dp", gantry.url("dp.bin"), fileUrl(back));
        TestData.assertSameContent(source, back);
        TransferDialogue.await(gantry.instance(), before, "RETR /dp.bin").assertDelayedPassive();
    }

    /** In MODE E only the receiver listens, so only the upload is delayed. */
    @Test
    public void modeEPutWithTwoStreams() throws IOException {
        Path source = TestData.randomFile(gantry.work().resolve("dp-p2.src"), 42, SIZE);
        Set<Path> before = snapshot();
        GlobusUrlCopy.run("-dp", "-p", "2", fileUrl(source), gantry.url("dp-p2.bin"));
        TestData.assertSameContent(source, gantry.root().resolve("dp-p2.bin"));
        TransferDialogue put = TransferDialogue.await(gantry.instance(), before, "STOR /dp-p2.bin");
        put.earlier("MODE E");
        put.assertDelayedPassive();
    }

    /**
     * {@code -fast -p 2 -cd -r}: the first STOR opens the delayed listener (127), and the MODE E
     * connections made to it carry every later file (125).
     */
    @Test
    public void treeWithCachedDataChannels() throws IOException {
        Path tree = gantry.work().resolve("tree");
        List<String> names = TestData.smallFiles(tree, TREE_FILES, 45);
        Set<Path> before = snapshot();
        GlobusUrlCopy.run("-dp", "-fast", "-p", "2", "-cd", "-r", fileUrl(tree) + "/", gantry.url("tree/"));
        TestData.assertSameFiles(tree, gantry.root().resolve("tree"));
        int announced = 0;
        for (String name : names) {
            TransferDialogue stor = TransferDialogue.await(gantry.instance(), before, "STOR /tree/" + name);
            if (stor.earlier().stream().anyMatch(e -> e.command().startsWith("STOR "))) {
                stor.assertReused();
            } else {
                stor.assertDelayedPassive();
                announced++;
            }
        }
        assertEquals("STORs that opened a listener (the first one of the session)", 1, announced);
    }

    /** Both ends on this server: the destination announces the listener, the source's PORT names it. */
    @Test
    public void gantryToGantryModeE() throws IOException {
        Path source = TestData.randomFile(gantry.root().resolve("dp-3pt.src"), 43, SIZE);
        Set<Path> before = snapshot();
        GlobusUrlCopy.run("-dp", "-p", "2", gantry.url("dp-3pt.src"), gantry.url("dp-3pt.dst"));
        TestData.assertSameContent(source, gantry.root().resolve("dp-3pt.dst"));

        String listener = TransferDialogue.await(gantry.instance(), before, "STOR /dp-3pt.dst").assertDelayedPassive();
        TransferDialogue retr = TransferDialogue.await(gantry.instance(), before, "RETR /dp-3pt.src");
        retr.assertConnectedByServer();
        assertEquals("the source must connect where the destination's 127 said", listener,
                TransferDialogue.hostPort(retr.earlier("PORT ").command()));
    }

    @Test
    public void globusToGantryStream() throws IOException {
        Path source = globus.file("dp-globus.src", 44, SIZE);
        Set<Path> before = snapshot();
        GlobusUrlCopy.run("-dp", globus.url("dp-globus.src"), gantry.url("dp-globus.dst"));
        TestData.assertSameContent(source, gantry.root().resolve("dp-globus.dst"));
        TransferDialogue.await(gantry.instance(), before, "STOR /dp-globus.dst").assertDelayedPassive();
    }

    @Test
    public void withoutGetPutFeatOmitsItAndTheCommandsAreRefused() throws IOException {
        try (FtpTestClient ftp = FtpTestClient.loggedIn(gantry.port())) {
            List<String> feat = ftp.command("FEAT", 211).lines();
            assertFalse("FEAT must not list GETPUT when it is switched off: " + feat,
                    feat.stream().anyMatch(line -> line.contains("GETPUT")));
            assertTrue("FEAT must still list PASV AllowDelayed;: " + feat, feat.contains(" PASV AllowDelayed;"));
            ftp.command("GET path=/x;pasv;", 502);
            ftp.command("PUT path=/switched-off.bin;pasv;", 502);
            ftp.command("NOOP", 200);
        }
        assertFalse("a refused PUT must leave nothing", Files.exists(gantry.root().resolve("switched-off.bin")));
    }

    private static Set<Path> snapshot() {
        return new SessionCommandLogs(gantry.instance()).snapshot();
    }
}
