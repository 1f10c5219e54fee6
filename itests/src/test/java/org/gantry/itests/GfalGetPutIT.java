package org.gantry.itests;

import static org.gantry.itests.GlobusUrlCopy.fileUrl;
import static org.junit.Assert.assertEquals;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.junit.ClassRule;
import org.junit.Test;

/**
 * gfal2 with {@code GRIDFTP_V2=true} and {@code DELAY_PASSV=true} against a server that lists
 * GETPUT: copies to and from Gantry, between Gantry and the real Globus server both ways, and
 * from Gantry to itself. Every copy is compared byte for byte, and Gantry's command log must show
 * the PUT (or GET) with {@code pasv} answered by a 127 before its 150, and a source GET with
 * {@code port=} connecting where the destination said.
 */
public class GfalGetPutIT {

    private static final long SIZE = 3L << 20;
    private static final List<String> GRIDFTP_V2 = List.of(
            "-D", "GRIDFTP PLUGIN:GRIDFTP_V2=true", "-D", "GRIDFTP PLUGIN:DELAY_PASSV=true");

    @ClassRule
    public static final LaunchedServer gantry = new LaunchedServer("gfal-getput").requiring("gfal-copy")
            .withGetPut().withOptions("--command-log");

    @ClassRule
    public static final LaunchedGlobus globus = new LaunchedGlobus("gfal-getput-globus");

    @Test
    public void putAndGet() throws IOException {
        Path source = TestData.randomFile(gantry.work().resolve("gfal.src"), 51, SIZE);
        Set<Path> before = snapshot();
        copy(fileUrl(source), gantry.url("gfal.bin"));
        TestData.assertSameContent(source, gantry.root().resolve("gfal.bin"));
        TransferDialogue.await(gantry.instance(), before, "PUT path=/gfal.bin;pasv;").assertAnnounced();

        Path back = gantry.work().resolve("gfal.back");
        copy(gantry.url("gfal.bin"), fileUrl(back));
        TestData.assertSameContent(source, back);
        TransferDialogue.await(gantry.instance(), before, "GET path=/gfal.bin;pasv;").assertAnnounced();
    }

    /** Globus lists no GETPUT and gets STOR; Gantry, the source, gets a GET with port=. */
    @Test
    public void gantryToGlobus() throws IOException {
        Path source = TestData.randomFile(gantry.root().resolve("to-globus.src"), 52, SIZE);
        Set<Path> before = snapshot();
        copy(gantry.url("to-globus.src"), globus.url("to-globus.dst"));
        TestData.assertSameContent(source, globus.root().resolve("to-globus.dst"));
        TransferDialogue.await(gantry.instance(), before, "GET path=/to-globus.src;port=").assertConnectedByServer();
    }

    @Test
    public void globusToGantry() throws IOException {
        Path source = globus.file("from-globus.src", 53, SIZE);
        Set<Path> before = snapshot();
        copy(globus.url("from-globus.src"), gantry.url("from-globus.dst"));
        TestData.assertSameContent(source, gantry.root().resolve("from-globus.dst"));
        TransferDialogue.await(gantry.instance(), before, "PUT path=/from-globus.dst;pasv;").assertAnnounced();
    }

    /** Both ends on Gantry: the destination's 127 names the address the source's GET connects to. */
    @Test
    public void gantryToGantry() throws IOException {
        Path source = TestData.randomFile(gantry.root().resolve("g2g.src"), 54, SIZE);
        Set<Path> before = snapshot();
        copy(gantry.url("g2g.src"), gantry.url("g2g.dst"));
        TestData.assertSameContent(source, gantry.root().resolve("g2g.dst"));
        String listener = TransferDialogue.await(gantry.instance(), before, "PUT path=/g2g.dst;pasv;").assertAnnounced();
        TransferDialogue get = TransferDialogue.await(gantry.instance(), before, "GET path=/g2g.src;port=");
        get.assertConnectedByServer();
        assertEquals("the source must connect where the destination's 127 said: " + get.transfer(),
                listener, TransferDialogue.hostPort(get.transfer().command()));
    }

    private static void copy(String from, String to) throws IOException {
        List<String> command = new ArrayList<>(List.of("gfal-copy"));
        command.addAll(GRIDFTP_V2);
        command.add(from);
        command.add(to);
        Gfal.run(command);
    }

    private static Set<Path> snapshot() {
        return new SessionCommandLogs(gantry.instance()).snapshot();
    }
}
