package org.gantry.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.ClassRule;
import org.junit.Test;

/**
 * Third-party transfers over gsiftp between Gantry and the real Globus GridFTP server running
 * with GSI, both ways, driven by globus-url-copy (stream and {@code -p 4}) and by gfal-copy
 * ({@code -n 4}). Both servers authenticate the same user and receive a delegated proxy. The
 * copies are checked on the destination disk, and Gantry's command log proves it really sent or
 * received the data itself.
 *
 * <p>The data channels are clear ({@code -nodcau}; gfal2 asks for DCAU N on its own). The
 * scenarios take the client's security flags as a parameter, so that DCAU A and PROT P variants
 * are one line each.
 */
public class GsiThirdPartyIT {

    private static final GsiPki PKI = GsiPki.make("gsi-3pt-pki");
    private static final Map<String, String> CLIENT = PKI.clientEnvironment(PKI.proxy());
    private static final long SIZE = (24L << 20) + 4321;
    /** Clear data channels: globus-url-copy's default for gsiftp would be DCAU A. */
    private static final List<String> CLEAR_DATA = List.of("-nodcau");
    /** No flag: globus-url-copy's default once FEAT lists DCAU, DCAU A with the delegated proxies. */
    private static final List<String> AUTHENTICATED_DATA = List.of();
    private static final List<String> PRIVATE_DATA = List.of("-dcpriv");
    private static final List<String> STREAM = List.of();
    private static final List<String> PARALLEL = List.of("-p", "4");
    /** As in the wire capture gfal_gsi_3pt_n4: gfal2 compares both servers' ADLER32 after the copy. */
    private static final List<String> FOUR_STREAMS_COMPARING_ADLER32 = List.of("-n", "4", "-K", "ADLER32");

    @ClassRule
    public static final LaunchedServer gantry = new LaunchedServer("gsi-3pt")
            .requiring("globus-url-copy", "gfal-copy")
            .withOptions(PKI.launcherOptions("--command-log"));
    @ClassRule
    public static final LaunchedGlobus globus = new LaunchedGlobus("gsi-3pt-globus").withGsi(PKI);

    /** Proves the GSI fixture: if Globus cannot copy to itself, no other result here means anything. */
    @Test
    public void globusToGlobusSanity() throws IOException {
        Path source = globus.file("sanity.src", 1, 1L << 20);
        guc(CLEAR_DATA, STREAM, globus.url("sanity.src"), globus.url("sanity.dst"));
        assertEquals(TestData.sha256(source), TestData.sha256(globus.root().resolve("sanity.dst")));
        String log = globus.logTail(40);
        assertTrue("Globus must have authorised the user through GSI and its grid-mapfile:\n" + log,
                log.contains("DN " + GsiPki.USER_DN + " successfully authorized."));
    }

    @Test
    public void gucGantryToGlobusStream() throws IOException {
        gucGantryToGlobus("g2globus-stream", CLEAR_DATA, STREAM);
    }

    @Test
    public void gucGantryToGlobusParallel() throws IOException {
        gucGantryToGlobus("g2globus-p4", CLEAR_DATA, PARALLEL);
    }

    @Test
    public void gucGlobusToGantryStream() throws IOException {
        gucGlobusToGantry("globus2g-stream", CLEAR_DATA, STREAM);
    }

    @Test
    public void gucGlobusToGantryParallel() throws IOException {
        gucGlobusToGantry("globus2g-p4", CLEAR_DATA, PARALLEL);
    }

    // The servers authenticate each other's data connections with the proxies the client delegated.

    @Test
    public void gucGantryToGlobusStreamWithDcauA() throws IOException {
        gucGantryToGlobus("g2globus-dcau-stream", AUTHENTICATED_DATA, STREAM);
    }

    @Test
    public void gucGantryToGlobusParallelWithDcauA() throws IOException {
        gucGantryToGlobus("g2globus-dcau-p4", AUTHENTICATED_DATA, PARALLEL);
    }

    @Test
    public void gucGlobusToGantryStreamWithDcauA() throws IOException {
        gucGlobusToGantry("globus2g-dcau-stream", AUTHENTICATED_DATA, STREAM);
    }

    @Test
    public void gucGlobusToGantryParallelWithDcauA() throws IOException {
        gucGlobusToGantry("globus2g-dcau-p4", AUTHENTICATED_DATA, PARALLEL);
    }

    @Test
    public void gucGantryToGlobusParallelPrivate() throws IOException {
        gucGantryToGlobus("g2globus-priv-p4", PRIVATE_DATA, PARALLEL);
    }

    @Test
    public void gucGlobusToGantryParallelPrivate() throws IOException {
        gucGlobusToGantry("globus2g-priv-p4", PRIVATE_DATA, PARALLEL);
    }

    /** A tree of small files over cached, pipelined data channels (wire capture gsi_3pt_fast_pp). */
    @Test
    public void gucTreeGantryToGlobusFastPipelined() throws IOException {
        Path tree = Files.createDirectories(gantry.root().resolve("tree"));
        for (int i = 0; i < 40; i++) {
            Files.write(tree.resolve("f" + i), TestData.bytes(100 + i, 4096 + i));
        }
        GsiTransferLog sent = GsiTransferLog.watch(gantry);
        guc(CLEAR_DATA, List.of("-fast", "-pp", "-r", "-cd"), gantry.gsiUrl("tree/"), globus.url("tree/"));
        TestData.assertSameFiles(tree, globus.root().resolve("tree"));
        sent.assertSent("/tree/f0");
        sent.assertSent("/tree/f39");
    }

    @Test
    public void gfalGantryToGlobusFourStreams() throws IOException {
        Path source = TestData.randomFile(gantry.root().resolve("gfal-g2globus.src"), 21, SIZE);
        GsiTransferLog sent = GsiTransferLog.watch(gantry);
        gfal(FOUR_STREAMS_COMPARING_ADLER32, gantry.gsiUrl("gfal-g2globus.src"), globus.url("gfal-g2globus.dst"));
        TestData.assertSameContent(source, globus.root().resolve("gfal-g2globus.dst"));
        sent.assertSent("/gfal-g2globus.src");
        sent.assertAdler32("/gfal-g2globus.src", source);
    }

    @Test
    public void gfalGlobusToGantryFourStreams() throws IOException {
        Path source = globus.file("gfal-globus2g.src", 22, SIZE);
        GsiTransferLog received = GsiTransferLog.watch(gantry);
        gfal(FOUR_STREAMS_COMPARING_ADLER32, globus.url("gfal-globus2g.src"), gantry.gsiUrl("gfal-globus2g.dst"));
        TestData.assertSameContent(source, gantry.root().resolve("gfal-globus2g.dst"));
        received.assertReceived("/gfal-globus2g.dst");
        received.assertAdler32("/gfal-globus2g.dst", source);
    }

    /** globus-url-copy from Gantry to Globus with the given security and mode flags. */
    private static void gucGantryToGlobus(String name, List<String> security, List<String> mode) throws IOException {
        Path source = TestData.randomFile(gantry.root().resolve(name + ".src"), name.hashCode(), SIZE);
        GsiTransferLog sent = GsiTransferLog.watch(gantry);
        guc(security, mode, gantry.gsiUrl(name + ".src"), globus.url(name + ".dst"));
        TestData.assertSameContent(source, globus.root().resolve(name + ".dst"));
        sent.assertSent("/" + name + ".src");
    }

    /** globus-url-copy from Globus to Gantry with the given security and mode flags. */
    private static void gucGlobusToGantry(String name, List<String> security, List<String> mode) throws IOException {
        Path source = globus.file(name + ".src", name.hashCode(), SIZE);
        GsiTransferLog received = GsiTransferLog.watch(gantry);
        guc(security, mode, globus.url(name + ".src"), gantry.gsiUrl(name + ".dst"));
        TestData.assertSameContent(source, gantry.root().resolve(name + ".dst"));
        received.assertReceived("/" + name + ".dst");
    }

    private static void guc(List<String> security, List<String> mode, String from, String to) throws IOException {
        List<String> command = new ArrayList<>(List.of("globus-url-copy"));
        command.addAll(security);
        command.addAll(mode);
        command.addAll(List.of(from, to));
        runClient(command);
    }

    private static void gfal(List<String> options, String from, String to) throws IOException {
        List<String> command = new ArrayList<>(List.of("gfal-copy"));
        command.addAll(options);
        command.addAll(List.of(from, to));
        runClient(command);
    }

    /** Runs a GSI client; on failure shows its output and the end of both servers' logs. */
    private static void runClient(List<String> command) throws IOException {
        Map<String, String> environment = new HashMap<>(CLIENT);
        environment.put("GFAL_PYTHONBIN", "/usr/bin/python3");
        CommandRunner.Result result = CommandRunner.run(CommandRunner.CLIENT_TIMEOUT, environment, command);
        if (result.exitCode() != 0) {
            fail(command.get(0) + " failed with exit code " + result.exitCode() + ": " + String.join(" ", command)
                    + "\n--- output ---\n" + result.output()
                    + "\n--- Globus log (tail) ---\n" + globus.logTail(20)
                    + "\n--- Gantry karaf.log (tail) ---\n" + gantry.karafLogTail(20));
        }
    }
}
