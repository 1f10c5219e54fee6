package org.gantry.itests;

import static org.gantry.itests.GlobusUrlCopy.fileUrl;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.editConfigurationFilePut;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

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
 * Downloads that wait for a recall: a test DSI ({@link RecallingDsi}) mounted at {@value #MOUNT}
 * declares staging and takes {@link #RECALL} to open a file, {@value #MARKER_SECONDS} s being
 * the staging marker interval. globus-url-copy and gfal-copy, with RETR and with GET, must get
 * the file intact, and each session's command log must show 112 markers (zero bytes) between the
 * transfer command and its 150. Listings of the mount carry the X.locality fact, the POSIX root's
 * do not.
 *
 * <p>No control run with markers off: gfal2's {@code PERF_MARKER_TIMEOUT} does not end a transfer
 * that is still waiting for its 150. Tried with gfal-copy 1.8.0 (gfal2 2.21.3) against a scripted
 * server holding the 150 back for 12 s without any marker and the timeout at 5 s: both a download
 * to a local file and a third-party copy succeeded. So that run could not fail; the gfal run
 * below with a 2 s marker timeout shows only that the markers do no harm.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class StagingWaitIT extends GantryKarafTestSupport {

    private static final String DSI_NAME = "recalling";
    private static final String MOUNT = "/tape";
    private static final int MARKER_SECONDS = 1;
    private static final Duration RECALL = Duration.ofSeconds(4);
    private static final Duration SETTLE = Duration.ofSeconds(30);
    private static final String MARKER = "S 112-Perf Marker";

    @Inject
    private BundleContext bundleContext;

    @Inject
    private ConfigurationAdmin configurationAdmin;

    @Inject
    private DsiRegistry dsiRegistry;

    private TestDsiMount mounted;
    private RecallingDsi dsi;
    private SessionCommandLogs logs;

    /** GET/PUT on, so clients use GET unless told not to; markers every second; command logs on. */
    @Override
    @Configuration
    public Option[] configuration() throws IOException {
        return OptionUtils.combine(super.configuration(),
                editConfigurationFilePut("etc/org.gantry.server.cfg", "getPut", "true"),
                editConfigurationFilePut("etc/org.gantry.server.cfg", "commandLog", "true"),
                editConfigurationFilePut("etc/org.gantry.server.cfg", "stagingMarkerIntervalSeconds",
                        String.valueOf(MARKER_SECONDS)));
    }

    @Before
    public void mountTestDsi() throws Exception {
        mounted = TestDsiMount.overPosix(bundleContext, configurationAdmin);
        dsi = new RecallingDsi(mounted.posix());
        dsi.openReadDelay(RECALL);
        mounted.mount(MOUNT, DSI_NAME, "recalling-test", dsi, dsiRegistry);
        logs = new SessionCommandLogs(Path.of(System.getProperty("karaf.data"), "log", "sessions"));
    }

    @After
    public void unmount() throws IOException {
        if (mounted != null) {
            mounted.close();
        }
    }

    @Test
    public void globusUrlCopyWaitsThroughMarkersWithRetrAndGet() throws IOException {
        CommandRunner.requireTool("globus-url-copy");
        Path source = TestData.randomFile(posixRoot().resolve("guc.bin"), 81, 3L << 20);

        Set<Path> before = logs.snapshot();
        Path viaRetr = posixRoot().resolveSibling("guc-retr.back");
        GlobusUrlCopy.run("-nogridftp2", url("guc.bin"), fileUrl(viaRetr));
        TestData.assertSameContent(source, viaRetr);
        assertMarkersBefore150(before, "RETR " + MOUNT + "/guc.bin");

        before = logs.snapshot();
        Path viaGet = posixRoot().resolveSibling("guc-get.back");
        GlobusUrlCopy.run(url("guc.bin"), fileUrl(viaGet));
        TestData.assertSameContent(source, viaGet);
        assertMarkersBefore150(before, "GET path=" + MOUNT + "/guc.bin;");
        assertEquals("recalls (opens for reading)", 2, dsi.opens());
    }

    @Test
    public void gfalCopyWaitsThroughMarkersWithRetrAndGet() throws IOException {
        CommandRunner.requireTool("gfal-copy");
        Path source = TestData.randomFile(posixRoot().resolve("gfal.bin"), 82, 3L << 20);

        Set<Path> before = logs.snapshot();
        Path viaGet = posixRoot().resolveSibling("gfal-get.back");
        Gfal.run("gfal-copy", "-f", "-D", "GRIDFTP PLUGIN:PERF_MARKER_TIMEOUT=2", url("gfal.bin"), fileUrl(viaGet));
        TestData.assertSameContent(source, viaGet);
        assertMarkersBefore150(before, "GET path=" + MOUNT + "/gfal.bin;");

        // gfal2 uses GET whenever FEAT lists GETPUT (its GRIDFTP_V2=false did not stop it), so
        // RETR needs the server without GET/PUT.
        offerGetPut(false);
        try {
            before = logs.snapshot();
            Path viaRetr = posixRoot().resolveSibling("gfal-retr.back");
            Gfal.run("gfal-copy", "-f", url("gfal.bin"), fileUrl(viaRetr));
            TestData.assertSameContent(source, viaRetr);
            assertMarkersBefore150(before, "RETR " + MOUNT + "/gfal.bin");
        } finally {
            offerGetPut(true);
        }
    }

    /** Turns GET/PUT on or off through ConfigAdmin and waits until FEAT shows it. */
    private void offerGetPut(boolean on) throws IOException {
        org.osgi.service.cm.Configuration configuration = configurationAdmin.getConfiguration(ServerSettings.PID, null);
        java.util.Dictionary<String, Object> properties = configuration.getProperties();
        properties.put("getPut", String.valueOf(on));
        configuration.update(properties);
        Await.until("FEAT " + (on ? "with" : "without") + " GETPUT", SETTLE, () -> featListsGetPut() == on);
    }

    private static boolean featListsGetPut() {
        try (FtpTestClient ftp = FtpTestClient.loggedIn(ftpPort())) {
            return ftp.command("FEAT", 211).lines().contains(" GETPUT");
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    public void listingsShowLocalityOnTheStagingMountOnlyAndOpenNothing() throws IOException {
        TestData.randomFile(posixRoot().resolve("listed.bin"), 83, 1000);
        try (FtpTestClient ftp = FtpTestClient.loggedIn(ftpPort())) {
            String staged = ftp.command("MLST " + MOUNT + "/listed.bin", 250).lines().get(1);
            assertTrue("MLST on the staging mount: " + staged, staged.contains(";X.locality=ONLINE;"));
            String plain = ftp.command("MLST /listed.bin", 250).lines().get(1);
            assertFalse("MLST on the POSIX root: " + plain, plain.contains("X.locality"));
            List<String> feat = ftp.command("FEAT", 211).lines();
            assertTrue("FEAT " + feat, feat.stream().anyMatch(l -> l.startsWith(" MLST ") && l.endsWith(";X.locality*;")));
        }
        assertEquals("a listing must not open (recall) anything", 0, dsi.opens());
    }

    private String url(String name) {
        return "ftp://127.0.0.1:" + ftpPort() + MOUNT + "/" + name;
    }

    /**
     * In the one new session that sent a command starting with {@code command}: at least
     * {@code RECALL / interval - 1} zero-byte 112 markers after it, and then its 150.
     */
    private void assertMarkersBefore150(Set<Path> before, String command) {
        List<List<String>> sessions = new ArrayList<>();
        for (List<String> dialogue : logs.dialoguesSince(before)) {
            if (dialogue.stream().anyMatch(l -> l.startsWith("C " + command))) {
                sessions.add(dialogue);
            }
        }
        assertEquals("sessions that sent " + command + "\n" + logs.summary(), 1, sessions.size());
        List<String> dialogue = sessions.get(0);
        int sent = indexOf(dialogue, "C " + command, 0);
        int opening = indexOf(dialogue, "S 150", sent);
        assertTrue("a 150 after " + command + ": " + dialogue, opening > sent);
        List<String> waiting = dialogue.subList(sent + 1, opening);
        long markers = waiting.stream().filter(MARKER::equals).count();
        long expected = RECALL.toSeconds() / MARKER_SECONDS - 1;
        assertTrue(markers + " markers before the 150 of " + command + ", expected at least " + expected
                + ": " + waiting, markers >= expected);
        assertTrue("only zero-byte markers before the 150: " + waiting, waiting.stream()
                .filter(l -> l.startsWith("S  Stripe Bytes Transferred:"))
                .allMatch(l -> l.equals("S  Stripe Bytes Transferred: 0")));
    }

    private static int indexOf(List<String> lines, String prefix, int from) {
        for (int i = from; i < lines.size(); i++) {
            if (lines.get(i).startsWith(prefix)) {
                return i;
            }
        }
        return -1;
    }

}
