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
            .requiring("globus-url-copy", "gfal-copy").withOptions("--command-log");

    @BeforeClass
    public static void mountTheTapeDsi() throws IOException {
        Path base = gantry.work().resolve("tape-dsi");
        // Written before the feature installs, so the instance starts with these settings.
        Files.writeString(gantry.karafHome().resolve("etc/org.gantry.dsi.tape-tape.cfg"), String.join("\n",
                "name = tape", "root = " + base, "timeScale = 0.001", "drives = 2", "cartridges = 6",
                "cartridgeMiB = 256", "cacheMiB = 512", "recallWaitSeconds = 60", ""));
        gantry.shell("feature:install gantry-dsi-tape");
        Await.until("the tape DSI in gridftp:dsi-list", Duration.ofSeconds(60),
                () -> shellQuietly("gridftp:dsi-list").contains("tape"), () -> shellQuietly("gridftp:dsi-list"));
        gantry.shell("gridftp:mount-add /tape tape");
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
            String evicted = gantry.shell("gridftp:tape-evict /" + name);
            assertTrue(evicted, evicted.contains("NEARLINE") && evicted.contains("on disk:  no"));
            assertEquals("250 /tape/" + name + " NEARLINE", stageStatus("/tape/" + name));
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
        gantry.shell("gridftp:tape-evict /staged.bin");
        // A slow library for this file's recall: every mount fails until the fault is cleared.
        gantry.shell("gridftp:tape-fail mount-failure *");
        try (FtpTestClient ftp = FtpTestClient.loggedIn(gantry.port())) {
            assertEquals("450 /tape/staged.bin: is being retrieved from the archive...",
                    ftp.command("SITE STAGE 0 /tape/staged.bin").toString());
            assertTrue("a status query must not start another recall",
                    stageStatus("/tape/staged.bin").startsWith("250 /tape/staged.bin NEARLINE"));
        }
        gantry.shell("gridftp:tape-fail --clear");
        try (FtpTestClient ftp = FtpTestClient.loggedIn(gantry.port())) {
            FtpReply reply = ftp.command("SITE STAGE 30 /tape/staged.bin");
            for (int polls = 0; reply.code() == 450 && polls < 20; polls++) {
                reply = ftp.command("SITE STAGE 30 /tape/staged.bin");
            }
            assertEquals("250 Stage of file /tape/staged.bin succeeded.", reply.toString());
            assertArrayEquals("the staged file reads back intact", content, ftp.retrieve("/tape/staged.bin"));
        }
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
