package org.gantry.itests;

import static org.gantry.itests.GlobusUrlCopy.fileUrl;
import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.editConfigurationFilePut;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.inject.Inject;

import org.gantry.core.admin.DsiRegistry;
import org.gantry.core.admin.ServerSettings;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.OptionUtils;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.BundleContext;
import org.osgi.service.cm.ConfigurationAdmin;

/**
 * The DSI placement hook in the real assembly: a test DSI ({@link PlacingDsi}) mounted at
 * {@value #MOUNT} stores through the real POSIX DSI but places every file's data endpoint on
 * {@value #PLACED_HOST}, a second loopback address. A GET/PUT with {@code pasv} (and a transfer
 * after a delayed EPSV) must be announced on that address, the server must listen there and only
 * there, the client must get its data through it, and the hook must have been asked once per
 * transfer with the right direction; a path outside the mount stays on the server's own address.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class PlacementIT extends GantryKarafTestSupport {

    private static final String DSI_NAME = "placing";
    private static final String MOUNT = "/placed";
    private static final String PLACED_HOST = "127.0.0.3";
    private static final String SERVER_HOST = "127.0.0.1";
    private static final Pattern EXTENDED_ADDRESS = Pattern.compile("\\(\\|1\\|([0-9.]+)\\|(\\d+)\\|\\)");

    @Inject
    private BundleContext bundleContext;

    @Inject
    private ConfigurationAdmin configurationAdmin;

    @Inject
    private DsiRegistry dsiRegistry;

    private TestDsiMount mounted;
    private PlacingDsi dsi;

    /** GET/PUT on: appended after the support's {@code getPut=false}, so it must win (FEAT shows it). */
    @Override
    @Configuration
    public Option[] configuration() throws IOException {
        return OptionUtils.combine(super.configuration(),
                editConfigurationFilePut("etc/org.gantry.server.cfg", "getPut", "true"));
    }

    @Before
    public void mountTestDsi() throws Exception {
        mounted = TestDsiMount.overPosix(bundleContext, configurationAdmin);
        dsi = new PlacingDsi(mounted.posix(), new InetSocketAddress(PLACED_HOST, 0));
        mounted.mount(MOUNT, DSI_NAME, "placing-test", dsi, dsiRegistry);
    }

    @After
    public void unmount() throws IOException {
        if (mounted != null) {
            mounted.close();
        }
    }

    /**
     * A raw PUT: the 127 names the placed address, nothing listens on that port on the server's
     * own address, the data sent there is in the POSIX root; a RETR after a delayed EPSV reads it
     * back through a 129 that spells the placed address out.
     */
    @Test
    public void rawTransfersConnectWhereThePlacementSaid() throws IOException {
        byte[] content = TestData.bytes(61, 300_000);
        try (FtpTestClient ftp = FtpTestClient.loggedIn(ftpPort())) {
            List<String> feat = ftp.command("FEAT", 211).lines();
            assertTrue("getPut=true, appended after getPut=false, must win: FEAT " + feat, feat.contains(" GETPUT"));
            ftp.command("TYPE I", 200);
            String put = "PUT path=" + MOUNT + "/raw.bin;pasv;";
            InetSocketAddress placed = FtpTestClient.hostPort(ftp.command(put, 127));
            assertEquals("host in the 127 to " + put, PLACED_HOST, placed.getAddress().getHostAddress());
            assertNothingListens(new InetSocketAddress(SERVER_HOST, placed.getPort()));
            ftp.storeAt(placed, content, put);

            ftp.command("OPTS PASV AllowDelayed=1;", 200);
            assertEquals("200 Passive delayed.", ftp.command("EPSV", 200).lines().get(0));
            String retr = "RETR " + MOUNT + "/raw.bin";
            FtpReply extended = ftp.command(retr, 129);
            Matcher m = EXTENDED_ADDRESS.matcher(extended.lines().get(0));
            assertTrue("the 129 must spell out the placed address: " + extended, m.find());
            assertEquals("host in the 129 to " + retr, PLACED_HOST, m.group(1));
            assertArrayEquals(retr, content,
                    ftp.retrieveFrom(new InetSocketAddress(m.group(1), Integer.parseInt(m.group(2))), retr));
        }
        assertArrayEquals("raw.bin in the POSIX root", content, Files.readAllBytes(posixRoot().resolve("raw.bin")));
        assertEquals("placements asked for", List.of("RECEIVE /raw.bin", "SEND /raw.bin"), dsi.placements());
    }

    /** globus-url-copy (stream mode, GET/PUT with pasv) follows the 127 to the placed address both ways. */
    @Test
    public void globusUrlCopyPutAndGetThroughThePlacedEndpoint() throws IOException {
        CommandRunner.requireTool("globus-url-copy");
        Path source = TestData.randomFile(posixRoot().resolveSibling("guc.src"), 62, 4L << 20);
        String url = "ftp://" + SERVER_HOST + ":" + ftpPort() + MOUNT + "/guc.bin";

        GucDebugLog put = GlobusUrlCopy.debug(fileUrl(source), url);
        assertAnnouncedOnPlacedHost(put, "PUT path=" + MOUNT + "/guc.bin;pasv;");
        TestData.assertSameContent(source, posixRoot().resolve("guc.bin"));

        Path back = posixRoot().resolveSibling("guc.back");
        GucDebugLog get = GlobusUrlCopy.debug(url, fileUrl(back));
        assertAnnouncedOnPlacedHost(get, "GET path=" + MOUNT + "/guc.bin;pasv;");
        TestData.assertSameContent(source, back);
        assertEquals("placements asked for", List.of("RECEIVE /guc.bin", "SEND /guc.bin"), dsi.placements());
    }

    @Test
    public void aPathOutsideTheMountListensOnTheServersOwnAddress() throws IOException {
        byte[] content = TestData.bytes(63, 70_000);
        try (FtpTestClient ftp = FtpTestClient.loggedIn(ftpPort())) {
            ftp.command("TYPE I", 200);
            String put = "PUT path=/unplaced.bin;pasv;";
            InetSocketAddress address = FtpTestClient.hostPort(ftp.command(put, 127));
            assertEquals("host in the 127 to " + put, SERVER_HOST, address.getAddress().getHostAddress());
            ftp.storeAt(address, content, put);
        }
        assertArrayEquals("unplaced.bin in the POSIX root", content,
                Files.readAllBytes(posixRoot().resolve("unplaced.bin")));
        assertEquals("placements asked for", List.of(), dsi.placements());
    }

    /** GUC sent the command and the reply it read after it is a 127 naming the placed host. */
    private static void assertAnnouncedOnPlacedHost(GucDebugLog log, String command) {
        List<GucDebugLog.Exchange> sent = log.exchanges(command);
        assertEquals("globus-url-copy must send '" + command + "' once\n" + log.excerpt(), 1, sent.size());
        String reply = sent.get(0).reply();
        assertTrue("'" + command + "' was answered '" + reply + "', expected a 127 naming " + PLACED_HOST,
                reply != null && reply.startsWith("127 Entering Passive Mode (" + PLACED_HOST.replace('.', ',') + ","));
    }

    /** The placed listener is bound to its address only: the same port elsewhere refuses. */
    private static void assertNothingListens(InetSocketAddress address) throws IOException {
        try (Socket probe = new Socket()) {
            probe.connect(address, 5_000);
            fail("the server also accepts data connections on " + address + ", not only on " + PLACED_HOST);
        } catch (ConnectException refused) {
            // as it should be
        }
    }
}
