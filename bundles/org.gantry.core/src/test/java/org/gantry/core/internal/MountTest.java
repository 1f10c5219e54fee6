package org.gantry.core.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.List;
import java.util.Optional;

import org.gantry.core.admin.DsiInstance;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The mount table, live mount changes, DSIs coming and going, and the admin views. */
class MountTest {

    private MemoryDsi root;
    private MemoryDsi other;
    private TestServer server;

    @BeforeEach
    void start() throws Exception {
        root = new MemoryDsi("mem");
        root.put("/x", new byte[1]);
        other = new MemoryDsi("other");
        other.put("/x", new byte[2]);
        server = new TestServer(new TestConfig().set("mounts", new String[] { "/=mem", "/other=other" }), root, other);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void longestPrefixPicksTheDsiAndStripsThePrefix() throws Exception {
        try (TestFtpClient c = server.login("alice")) {
            assertEquals("213 1", c.expect(213, "SIZE /x").first());
            assertEquals("213 2", c.expect(213, "SIZE /other/x").first());
            c.expect(250, "CWD /other");
            assertEquals("213 2", c.expect(213, "SIZE x").first());
            c.expect(257, "MKD d");
            assertTrue(other.nodes.get("/d").isDir());
            assertFalse(root.nodes.containsKey("/other/d"));
        }
    }

    @Test
    void aDsiCommandGoesToTheDsiThatServesItsPath() throws Exception {
        try (TestFtpClient c = server.login("alice")) {
            // Both DSIs offer SITE STAGE; the working directory's DSI is asked first.
            assertEquals("250 Staged /x on other", c.expect(250, "SITE STAGE /other/x").first());
            assertEquals("250 Staged /x on mem", c.expect(250, "SITE STAGE /x").first());
            c.expect(250, "CWD /other");
            assertEquals("250 Staged /x on mem", c.expect(250, "SITE STAGE /x").first());
            assertEquals("250 Staged /x on other", c.expect(250, "SITE STAGE x").first());
        }
    }

    @Test
    void renameAcrossMountsIsRefused() throws Exception {
        try (TestFtpClient c = server.login("alice")) {
            c.expect(350, "RNFR /x");
            c.expect(553, "RNTO /other/y");
            assertTrue(root.nodes.containsKey("/x"));
        }
    }

    @Test
    void changedMountsApplyToTheNextCommand() throws Exception {
        try (TestFtpClient c = server.login("alice")) {
            assertEquals("213 1", c.expect(213, "SIZE /x").first());
            server.modify(new TestConfig().set("mounts", new String[] { "/=other" }));
            assertEquals("213 2", c.expect(213, "SIZE /x").first());
            assertEquals(List.of("/"), server.registry.mounts().stream().map(m -> m.path()).toList());
            assertEquals(Optional.of("other"), server.registry.activeDsiFor("/anything"));
        }
    }

    @Test
    void aGoneDsiFallsBackOrAnswers451() throws Exception {
        server.modify(new TestConfig().set("mounts",
                new String[] { "/=mem", "/other=other|mem", "/strict=other" }));
        try (TestFtpClient c = server.login("alice")) {
            c.expect(213, "SIZE /other/x");
            server.unbind(other);
            assertEquals("213 1", c.expect(213, "SIZE /other/x").first(), "served by the fallback now");
            assertEquals("451 Storage unavailable: other", c.expect(451, "SIZE /strict/x").first());
            c.expect(200, "NOOP");
            server.bind(other);
            assertEquals("213 2", c.expect(213, "SIZE /strict/x").first());
        }
    }

    @Test
    void theRootFallsBackToPosix() throws Exception {
        MemoryDsi posix = new MemoryDsi("posix");
        posix.put("/x", new byte[9]);
        server.bind(posix);
        try (TestFtpClient c = server.login("alice")) {
            server.unbind(root);
            assertEquals("213 9", c.expect(213, "SIZE /x").first());
            assertEquals(Optional.of("posix"), server.registry.activeDsiFor("/x"));
        }
    }

    @Test
    void transfersOnAGoneDsiAreAbortedAndCounted() throws Exception {
        try (TestFtpClient c = server.login("alice")) {
            InetSocketAddress address = c.pasv();
            try (Socket data = TestFtpClient.dataSocket(address)) {
                c.expect(150, "STOR /other/upload");
                data.getOutputStream().write(new byte[1000]);
                DsiInstance busy = instance("other");
                assertEquals(1, busy.activeTransfers());
                assertEquals(List.of("/other"), busy.mountedAt());
                server.unbind(other);
                assertEquals("451 Storage unavailable: other", c.reply().first());
            }
            assertNull(other.content("/upload"));
            assertEquals(1, other.abortedWriters.get());
            assertEquals(0, other.openSessions.get(), "its DSI sessions were closed");
            assertEquals(0, instance("mem").activeTransfers());
            c.expect(213, "SIZE /x");
        }
    }

    @Test
    void sessionsCanBeListedAndKilled() throws Exception {
        try (TestFtpClient c = server.login("alice")) {
            c.expect(200, "NOOP");
            var sessions = server.server.sessions();
            assertEquals(1, sessions.size());
            assertEquals(Optional.of("alice"), sessions.get(0).user());
            assertEquals("NOOP", sessions.get(0).lastCommand());
            assertTrue(server.server.kill(sessions.get(0).id()));
            assertEquals(421, c.reply().code());
            assertTrue(c.closedByServer());
            assertFalse(server.server.kill(12345));
            Await.until("the session is gone", () -> server.server.sessions().isEmpty());
        }
    }

    @Test
    void aNewListenAddressIsBoundWhileSessionsGoOn() throws Exception {
        try (TestFtpClient c = server.login("alice")) {
            int port = server.address().getPort();
            server.modify(new TestConfig().set("listenAddress", "127.0.0.2").set("port", port)
                    .set("mounts", new String[] { "/=mem", "/other=other" }));
            assertEquals(new InetSocketAddress("127.0.0.2", port), server.address());
            c.expect(213, "SIZE /other/x");
            try (TestFtpClient d = TestFtpClient.connect(server.address())) {
                assertEquals(220, d.banner.code());
            }
        }
    }

    @Test
    void anUnusableListenAddressKeepsTheOldOneButAppliesTheRest() throws Exception {
        try (java.net.ServerSocket taken = new java.net.ServerSocket(0, 1, java.net.InetAddress.getByName("127.0.0.1"))) {
            InetSocketAddress before = server.address();
            server.modify(new TestConfig().set("port", taken.getLocalPort()).set("mounts", new String[] { "/=other" }));
            assertEquals(before, server.address());
            try (TestFtpClient c = server.login("alice")) {
                assertEquals("213 2", c.expect(213, "SIZE /x").first());
            }
        }
    }

    private DsiInstance instance(String name) {
        return server.registry.instances().stream().filter(i -> i.name().equals(name)).findFirst().orElseThrow();
    }
}
