package org.gantry.itests;

import static org.gantry.itests.GlobusUrlCopy.fileUrl;
import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;

import org.junit.BeforeClass;
import org.junit.ClassRule;
import org.junit.Test;

/**
 * The tape-HSM simulator DSI mounted at {@code /tape} while {@code /} stays POSIX, used by the
 * real clients: uploads land on the disk cache and flush to simulated tape, an evicted (nearline)
 * file comes back through a recall when globus-url-copy or gfal-copy read it (the "wait" policy),
 * and SITE STAGE answers as Globus Transfer expects. The library runs 1,000 times faster than
 * real time (a 60 s mount takes 60 ms).
 */
public class TapeIT {

    @ClassRule
    public static final LaunchedServer gantry = new LaunchedServer("tape")
            .requiring("globus-url-copy", "gfal-copy")
            .withOptions("--command-log", "--set", "stagingMarkerIntervalSeconds=1");

    @BeforeClass
    public static void mountTheTapeDsi() throws IOException {
        // Written before the feature installs, so the instances start with these settings.
        Files.writeString(gantry.karafHome().resolve("etc/org.gantry.dsi.tape-tape.cfg"), String.join("\n",
                "name = tape", "root = " + gantry.work().resolve("tape-dsi"), "timeScale = 0.001", "drives = 2",
                "cartridges = 6", "cartridgeMiB = 256", "cacheMiB = 512", "recallWaitSeconds = 60", ""));
        // A library at 1/20 of real time: mounting takes 3 s, so a recall outlasts the marker interval.
        Files.writeString(gantry.karafHome().resolve("etc/org.gantry.dsi.tape-slowtape.cfg"), String.join("\n",
                "name = slowtape", "root = " + gantry.work().resolve("slowtape-dsi"), "timeScale = 0.05",
                "flushMinAgeSeconds = 10", "recallMinAgeSeconds = 1", "idleUnmountSeconds = 1",
                "cartridgeMiB = 256", "cacheMiB = 256", "recallWaitSeconds = 60", ""));
        gantry.shell("feature:install gantry-dsi-tape");
        Await.until("both tape DSIs in gridftp:dsi-list", Duration.ofSeconds(60),
                () -> shellQuietly("gridftp:dsi-list").contains("slowtape")
                        && shellQuietly("gridftp:dsi-list").contains(" tape "),
                () -> shellQuietly("gridftp:dsi-list"));
        gantry.shell("gridftp:mount-add /tape tape");
        gantry.shell("gridftp:mount-add /slowtape slowtape");
    }

    @Test
    public void realClientsPutAndGetThroughTapeWhileTheRootStaysPosix() throws IOException {
        Path guc = TestData.randomFile(gantry.work().resolve("guc.src"), 21, (3L << 20) + 17);
        Path gfal = TestData.randomFile(gantry.work().resolve("gfal.src"), 22, (2L << 20) + 5);
        GlobusUrlCopy.run(fileUrl(guc), gantry.url("tape/guc.bin")).assertSuccess();
        Gfal.run("gfal-copy", fileUrl(gfal), gantry.url("tape/gfal.bin"));
        GlobusUrlCopy.run(fileUrl(guc), gantry.url("posix.bin")).assertSuccess();

        assertEquals("/ is still the POSIX DSI", TestData.sha256(guc), TestData.sha256(gantry.root().resolve("posix.bin")));
        assertFalse("tape files are not in the POSIX root", Files.exists(gantry.root().resolve("tape")));

        for (String name : List.of("guc.bin", "gfal.bin")) {
            awaitLocality("/tape/" + name, "ONLINE_AND_NEARLINE");
            String evicted = gantry.shell("gridftp:tape-evict --dsi tape /" + name);
            assertTrue(evicted, evicted.contains("NEARLINE") && evicted.contains("on disk:  no"));
            assertEquals("250 /tape/" + name + " NEARLINE", stageStatus("/tape/" + name));
        }
        try (FtpTestClient ftp = FtpTestClient.loggedIn(gantry.port())) {
            String facts = ftp.command("MLST /tape/guc.bin").toString();
            assertTrue("MLST shows where the data is: " + facts, facts.contains("X.locality=NEARLINE;"));
        }

        Path gucCopy = gantry.work().resolve("guc.copy");
        GlobusUrlCopy.run(gantry.url("tape/guc.bin"), fileUrl(gucCopy)).assertSuccess();
        assertEquals("globus-url-copy got the recalled file", TestData.sha256(guc), TestData.sha256(gucCopy));
        Path gfalCopy = gantry.work().resolve("gfal.copy");
        Gfal.run("gfal-copy", gantry.url("tape/gfal.bin"), fileUrl(gfalCopy));
        assertEquals("gfal-copy got the recalled file", TestData.sha256(gfal), TestData.sha256(gfalCopy));
        assertEquals("250 /tape/gfal.bin ONLINE_AND_NEARLINE", stageStatus("/tape/gfal.bin"));
    }

    @Test
    public void siteStageAnswers450WhileTheRecallRunsAnd250OnceTheFileIsOnDisk() throws IOException {
        byte[] content = TestData.bytes(23, 500_000);
        try (FtpTestClient ftp = FtpTestClient.loggedIn(gantry.port())) {
            ftp.storeOk("/tape/staged.bin", content);
        }
        awaitLocality("/tape/staged.bin", "ONLINE_AND_NEARLINE");
        gantry.shell("gridftp:tape-evict --dsi tape /staged.bin");
        // A slow library for this file's recall: every mount fails until the fault is cleared.
        gantry.shell("gridftp:tape-fail --dsi tape mount-failure *");
        try (FtpTestClient ftp = FtpTestClient.loggedIn(gantry.port())) {
            assertEquals("450 /tape/staged.bin: is being retrieved from the archive...",
                    ftp.command("SITE STAGE 0 /tape/staged.bin").toString());
            assertTrue("a status query must not start another recall",
                    stageStatus("/tape/staged.bin").startsWith("250 /tape/staged.bin NEARLINE"));
        }
        gantry.shell("gridftp:tape-fail --dsi tape --clear");
        try (FtpTestClient ftp = FtpTestClient.loggedIn(gantry.port())) {
            FtpReply reply = ftp.command("SITE STAGE 30 /tape/staged.bin");
            for (int polls = 0; reply.code() == 450 && polls < 20; polls++) {
                reply = ftp.command("SITE STAGE 30 /tape/staged.bin");
            }
            assertEquals("250 Stage of file /tape/staged.bin succeeded.", reply.toString());
            assertArrayEquals("the staged file reads back intact", content, ftp.retrieve("/tape/staged.bin"));
        }
    }

    @Test
    public void aLongRecallKeepsGlobusUrlCopyWaitingWithMarkersBeforeThe150() throws IOException {
        Path source = TestData.randomFile(gantry.work().resolve("slow.src"), 24, (1L << 20) + 3);
        GlobusUrlCopy.run(fileUrl(source), gantry.url("slowtape/slow.bin")).assertSuccess();
        awaitLocality("/slowtape/slow.bin", "ONLINE_AND_NEARLINE");
        gantry.shell("gridftp:tape-evict --dsi slowtape /slow.bin");
        Await.until("the flush's cartridge unmounted", Duration.ofSeconds(30),
                () -> !shellQuietly("gridftp:tape-drives --dsi slowtape").contains("T0"),
                () -> shellQuietly("gridftp:tape-drives --dsi slowtape"));

        SessionCommandLogs logs = new SessionCommandLogs(gantry.instance());
        Set<Path> before = logs.snapshot();
        Path copy = gantry.work().resolve("slow.copy");
        GlobusUrlCopy.run(gantry.url("slowtape/slow.bin"), fileUrl(copy)).assertSuccess();
        assertEquals(TestData.sha256(source), TestData.sha256(copy));

        // The recall mounts for 3 s: with a 1 s interval the RETR waited behind 112 markers.
        List<String> dialogue = logs.dialoguesSince(before).stream()
                .filter(d -> d.stream().anyMatch(l -> l.startsWith("C RETR "))).findFirst().orElseThrow();
        int retr = indexOf(dialogue, "C RETR ");
        int opening = indexOf(dialogue, "S 150");
        long markers = dialogue.subList(retr, opening).stream().filter("S 112-Perf Marker"::equals).count();
        assertTrue(markers + " markers between RETR and 150: " + dialogue, markers >= 2);
    }

    private static int indexOf(List<String> lines, String prefix) {
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).startsWith(prefix)) {
                return i;
            }
        }
        throw new AssertionError("no line starting with " + prefix + " in " + lines);
    }

    private static void awaitLocality(String path, String locality) {
        Await.until(path + " " + locality, Duration.ofSeconds(60), () -> stageStatus(path).equals("250 " + path + " "
                + locality), () -> stageStatus(path));
    }

    private static String stageStatus(String path) {
        try (FtpTestClient ftp = FtpTestClient.loggedIn(gantry.port())) {
            return ftp.command("SITE STAGESTATUS " + path).toString();
        } catch (IOException e) {
            return e.toString();
        }
    }

    private static String shellQuietly(String command) {
        try {
            return gantry.shell(command);
        } catch (IOException e) {
            return e.toString();
        }
    }
}
