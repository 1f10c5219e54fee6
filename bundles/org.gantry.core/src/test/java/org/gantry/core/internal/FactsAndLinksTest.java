package org.gantry.core.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** MFMT, MFCT, MFF and SITE SYMLINK / SYMLINKFROM / SYMLINKTO. */
class FactsAndLinksTest {

    private MemoryDsi dsi;
    private TestServer server;

    @BeforeEach
    void start() throws Exception {
        dsi = new MemoryDsi("mem");
        dsi.put("/f", new byte[10]);
        dsi.mkdirs("/d");
        server = TestServer.withMemory(dsi);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void mfmtSetsTheModificationTimeAndEchoesIt() throws Exception {
        try (TestFtpClient c = server.login("alice")) {
            assertEquals("213 Modify=20200102030405; /f", c.expect(213, "MFMT 20200102030405 /f").first());
            assertEquals(Instant.parse("2020-01-02T03:04:05Z"), dsi.node("/f").modified);
            assertEquals("213 20200102030405", c.expect(213, "MDTM /f").first());
            c.expect(501, "MFMT 2020 /f");
            c.expect(501, "MFMT 20201399000000 /f");
            c.expect(550, "MFMT 20200102030405 /missing");
        }
    }

    @Test
    void mffSetsEveryFactOrNone() throws Exception {
        try (TestFtpClient c = server.login("alice")) {
            assertEquals("213 Modify=20211231235959;UNIX.mode=600; /f",
                    c.expect(213, "MFF Modify=20211231235959;UNIX.mode=600; /f").first());
            assertEquals(0600, dsi.node("/f").mode);
            assertEquals(Instant.parse("2021-12-31T23:59:59Z"), dsi.node("/f").modified);
            c.expect(504, "MFF Modify=20200101000000;Color=blue; /f");
            c.expect(502, "MFF Create=20200101000000; /f");
            c.expect(501, "MFF UNIX.mode=999; /f");
            assertEquals(Instant.parse("2021-12-31T23:59:59Z"), dsi.node("/f").modified, "nothing set on a refusal");
            List<String> feat = c.expect(211, "FEAT").lines();
            assertTrue(feat.contains(" MFMT") && feat.contains(" MFF Modify;UNIX.mode;"), feat::toString);
            assertTrue(feat.stream().noneMatch(l -> l.contains("MFCT")), "no storage sets creation times");
        }
    }

    @Test
    void mfctSaysCreationTimesCannotBeSet() throws Exception {
        try (TestFtpClient c = server.login("alice")) {
            assertTrue(c.expect(502, "MFCT 20200102030405 /f").text().contains("creation times"));
            c.expect(501, "MFCT soon /f");
        }
    }

    @Test
    void siteSymlinkResolvesTheTargetLikeAnyClientPath() throws Exception {
        dsi.symlinks = true;
        try (TestFtpClient c = server.login("alice")) {
            assertTrue(c.expect(214, "SITE HELP").lines().contains(" SYMLINK <sp> target <sp> link"));
            c.expect(250, "SITE SYMLINK ../f /d/link");
            c.expect(250, "SITE SYMLINK /d /top");
            assertEquals("350 OK. Send SITE SYMLINKTO with symlink name.", c.expect(350, "SITE SYMLINKFROM f").first());
            c.expect(250, "SITE SYMLINKTO /d/two");
            assertEquals(Map.of("/d/link", "/f", "/top", "/d", "/d/two", "/d/f"), Map.copyOf(dsi.links));
            c.expect(503, "SITE SYMLINKTO /d/three");
            c.expect(501, "SITE SYMLINK onlyone");
            // ".." stops at the user's root, as for every path: the link stays inside it.
            c.expect(250, "SITE SYMLINK ../../../etc/passwd /d/escape");
            assertEquals("/etc/passwd", dsi.links.get("/d/escape"));
        }
    }

    @Test
    void symlinksOnStorageWithoutThemAre502() throws Exception {
        try (TestFtpClient c = server.login("alice")) {
            c.expect(502, "SITE SYMLINK /f /link");
        }
    }
}
