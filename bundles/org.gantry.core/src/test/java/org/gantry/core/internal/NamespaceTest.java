package org.gantry.core.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Navigation, namespace commands, SITE CHMOD/UTIME and path confinement. */
class NamespaceTest {

    private MemoryDsi dsi;
    private TestServer server;

    @BeforeEach
    void start() throws Exception {
        dsi = new MemoryDsi("mem");
        dsi.mkdirs("/data");
        dsi.put("/data/f1", "hello".getBytes(StandardCharsets.UTF_8));
        dsi.mkdirs("/users");
        dsi.mkdirs("/users/jailed");
        dsi.put("/users/jailed/mine", new byte[3]);
        dsi.put("/secret", new byte[7]);
        server = TestServer.withMemory(dsi);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void pwdCwdCdup() throws Exception {
        try (TestFtpClient c = server.login("alice")) {
            assertEquals("257 \"/\" is current directory.", c.expect(257, "PWD").first());
            assertEquals("250 CWD command successful.", c.expect(250, "CWD data").first());
            c.expect(257, "PWD");
            assertEquals("257 \"/data\" is current directory.", c.send("PWD").first());
            assertEquals("550 /data/f1: Not a directory.", c.expect(550, "CWD f1").first());
            assertEquals("550 /nope: No such file or directory.", c.expect(550, "CWD /nope").first());
            c.expect(250, "CDUP");
            assertEquals("257 \"/\" is current directory.", c.send("PWD").first());
            c.expect(250, "CDUP");
            assertEquals("257 \"/\" is current directory.", c.send("PWD").first());
        }
    }

    @Test
    void mkdRmdDele() throws Exception {
        try (TestFtpClient c = server.login("alice")) {
            assertEquals("257 Directory \"/data/new\" created successfully.", c.expect(257, "MKD /data/new").first());
            assertTrue(dsi.nodes.get("/data/new").isDir());
            assertEquals(553, c.send("MKD /data/new").code());
            c.expect(550, "MKD /missing/deep");
            c.expect(550, "RMD /data");
            assertEquals("250 OK.", c.expect(250, "RMD /data/new").first());
            assertNull(dsi.nodes.get("/data/new"));
            c.expect(250, "DELE /data/f1");
            assertNull(dsi.nodes.get("/data/f1"));
            c.expect(550, "DELE /data/f1");
            c.expect(550, "DELE /data");
        }
    }

    @Test
    void quotesAreDoubledIn257() throws Exception {
        try (TestFtpClient c = server.login("alice")) {
            assertEquals("257 Directory \"/a\"\"b\" created successfully.", c.expect(257, "MKD a\"b").first());
        }
    }

    @Test
    void renameNeedsRnfrFirst() throws Exception {
        try (TestFtpClient c = server.login("alice")) {
            c.expect(503, "RNTO /x");
            assertEquals("350 OK. Send RNTO with destination name.", c.expect(350, "RNFR /data/f1").first());
            assertEquals("250 OK.", c.expect(250, "RNTO /data/f2").first());
            assertNull(dsi.nodes.get("/data/f1"));
            assertArrayEquals("hello".getBytes(StandardCharsets.UTF_8), dsi.content("/data/f2"));
            c.expect(550, "RNFR /data/f1");
            c.expect(350, "RNFR /data/f2");
            c.expect(200, "NOOP");
            c.expect(503, "RNTO /data/f3");
        }
    }

    @Test
    void sizeAndMdtm() throws Exception {
        try (TestFtpClient c = server.login("alice")) {
            assertEquals("213 5", c.expect(213, "SIZE /data/f1").first());
            assertEquals("213 20260102030405", c.expect(213, "MDTM /data/f1").first());
            c.expect(550, "SIZE /data");
            assertEquals("550 /data/none: No such file or directory.", c.expect(550, "SIZE /data/none").first());
        }
    }

    @Test
    void siteChmodAndUtime() throws Exception {
        try (TestFtpClient c = server.login("alice")) {
            assertEquals("250 OK.", c.expect(250, "SITE CHMOD 600 /data/f1").first());
            assertEquals(0600, dsi.nodes.get("/data/f1").mode);
            c.expect(501, "SITE CHMOD 9x /data/f1");
            c.expect(250, "SITE UTIME 20200304050607 /data/f1");
            assertEquals(Instant.parse("2020-03-04T05:06:07Z"), dsi.nodes.get("/data/f1").modified);
            c.expect(250, "SITE UTIME /data/f1 20210304050607");
            assertEquals(Instant.parse("2021-03-04T05:06:07Z"), dsi.nodes.get("/data/f1").modified);
            c.expect(501, "SITE UTIME 2020 /data/f1");
        }
    }

    @Test
    void readOnlyUserCannotModify() throws Exception {
        try (TestFtpClient c = server.login("reader")) {
            c.expect(550, "MKD /x");
            c.expect(550, "DELE /data/f1");
            c.expect(550, "SITE CHMOD 600 /data/f1");
            c.expect(550, "STOR /data/f9");
            c.expect(213, "SIZE /data/f1");
            assertTrue(dsi.nodes.containsKey("/data/f1"));
        }
    }

    @Test
    void dotDotNeverLeavesTheRoot() throws Exception {
        try (TestFtpClient c = server.login("alice")) {
            assertEquals("550 /etc/passwd: No such file or directory.", c.expect(550, "SIZE ../../etc/passwd").first());
            c.pasv();
            c.expect(550, "RETR ../../etc/passwd");
            assertTrue(dsi.requestedPaths.contains("/etc/passwd"), dsi.requestedPaths::toString);
            assertTrue(dsi.requestedPaths.stream().allMatch(p -> p.startsWith("/") && !p.contains("..")),
                    dsi.requestedPaths::toString);
        }
    }

    @Test
    void jailedUserSeesOnlyTheirRoot() throws Exception {
        try (TestFtpClient c = server.login("jailed")) {
            assertEquals("213 3", c.expect(213, "SIZE /mine").first());
            c.expect(550, "SIZE ../../secret");
            c.expect(550, "SIZE /secret");
            assertFalse(dsi.requestedPaths.contains("/secret"), dsi.requestedPaths::toString);
            assertTrue(dsi.requestedPaths.contains("/users/jailed/secret"), dsi.requestedPaths::toString);
            c.expect(257, "MKD sub");
            assertTrue(dsi.nodes.get("/users/jailed/sub").isDir());
            assertEquals("257 \"/\" is current directory.", c.send("PWD").first());
        }
    }

    @Test
    void aBackEndBugIs451AndTheSessionSurvives() throws Exception {
        try (TestFtpClient c = server.login("alice")) {
            assertEquals("451 Internal error.", c.expect(451, "SIZE /boom").first());
            c.expect(213, "SIZE /data/f1");
        }
    }

    @Test
    void nulInAPathIs550() throws Exception {
        try (TestFtpClient c = server.login("alice")) {
            c.pasv();
            assertEquals(550, c.send("RETR /data/f1\0/x").code());
            c.expect(550, "SIZE /data\0");
            assertTrue(dsi.requestedPaths.stream().noneMatch(p -> p.indexOf('\0') >= 0));
        }
    }
}
