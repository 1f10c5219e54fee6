package org.gantry.core.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** MLST on the control channel; MLSD, LIST and NLST over the data channel. */
class ListingTest {

    private MemoryDsi dsi;
    private TestServer server;

    @BeforeEach
    void start() throws Exception {
        dsi = new MemoryDsi("mem");
        dsi.mkdirs("/small");
        dsi.put("/small/f1", new byte[4096]);
        dsi.mkdirs("/small/sub");
        dsi.put("/small/with space", new byte[1]);
        server = TestServer.withMemory(dsi);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private long id(String path) {
        return dsi.nodes.get(path).id;
    }

    @Test
    void mlstLooksLikeGcts() throws Exception {
        try (TestFtpClient c = server.login("alice")) {
            TestFtpClient.FtpReply r = c.expect(250, "MLST /small/f1");
            assertEquals(List.of("250-status of /small/f1",
                    " Type=file;Modify=20260102030405;Size=4096;Perm=awr;UNIX.mode=0644;UNIX.owner=owner;"
                            + "UNIX.uid=1000;UNIX.group=group;UNIX.gid=100;Unique=m-" + id("/small/f1") + "; /small/f1",
                    "250 End."), r.lines());
            TestFtpClient.FtpReply dir = c.expect(250, "MLST /small/");
            assertEquals(" Type=dir;Modify=20260102030405;Size=0;Perm=cfmpel;UNIX.mode=0755;UNIX.owner=owner;"
                    + "UNIX.uid=1000;UNIX.group=group;UNIX.gid=100;Unique=m-" + id("/small") + "; /small/",
                    dir.lines().get(1));
            assertEquals("550 /nothing: No such file or directory.", c.expect(550, "MLST /nothing").first());
        }
    }

    @Test
    void readOnlyUsersSeeReadOnlyPermissions() throws Exception {
        try (TestFtpClient c = server.login("reader")) {
            assertTrue(c.expect(250, "MLST /small/f1").lines().get(1).contains(";Perm=r;"));
        }
    }

    @Test
    void mlsdListsCdirPdirAndEntries() throws Exception {
        try (TestFtpClient c = server.login("alice")) {
            c.expect(200, "TYPE I");
            List<String> lines = c.listing("MLSD /small").lines().toList();
            assertEquals(5, lines.size(), lines::toString);
            assertTrue(lines.get(0).startsWith("Type=cdir;") && lines.get(0).endsWith("; ."), lines.get(0));
            assertTrue(lines.get(1).startsWith("Type=pdir;") && lines.get(1).endsWith("; .."), lines.get(1));
            assertTrue(lines.contains("Type=file;Modify=20260102030405;Size=4096;Perm=awr;UNIX.mode=0644;"
                    + "UNIX.owner=owner;UNIX.uid=1000;UNIX.group=group;UNIX.gid=100;Unique=m-" + id("/small/f1")
                    + "; f1"), lines::toString);
            assertTrue(lines.stream().anyMatch(l -> l.startsWith("Type=dir;") && l.endsWith("; sub")));
            assertTrue(lines.stream().anyMatch(l -> l.endsWith("; with space")));
        }
    }

    @Test
    void mlsdOfAFileIs501BeforeAnyDataConnection() throws Exception {
        try (TestFtpClient c = server.login("alice")) {
            c.pasv();
            assertEquals(501, c.send("MLSD /small/f1").code());
            c.expect(425, "MLSD /small");
            c.pasv();
            c.expect(550, "MLSD /missing");
        }
    }

    @Test
    void listIsLsStyle() throws Exception {
        try (TestFtpClient c = server.login("alice")) {
            List<String> lines = c.listing("LIST -la /small").lines().toList();
            assertEquals(3, lines.size(), lines::toString);
            assertTrue(lines.stream().anyMatch(l -> l.matches(
                    "-rw-r--r-- +1 owner +group +4096 Jan 02 +2026 f1")), lines::toString);
            assertTrue(lines.stream().anyMatch(l -> l.matches("drwxr-xr-x +1 owner +group +0 Jan 02 +2026 sub")),
                    lines::toString);
            List<String> file = c.listing("LIST /small/f1").lines().toList();
            assertEquals(1, file.size());
            assertTrue(file.get(0).endsWith(" f1"), file::toString);
        }
    }

    @Test
    void nlstIsNamesOnly() throws Exception {
        try (TestFtpClient c = server.login("alice")) {
            c.expect(250, "CWD /small");
            assertEquals("f1\r\nsub\r\nwith space\r\n", c.listing("NLST"));
        }
    }

    @Test
    void bigDirectoriesAreStreamed() throws Exception {
        int n = 30_000;
        dsi.mkdirs("/big");
        for (int i = 0; i < n; i++) {
            dsi.put(String.format("/big/file-%06d", i), new byte[0]);
        }
        try (TestFtpClient c = server.login("alice")) {
            List<String> lines = c.listing("MLSD /big").lines().toList();
            assertEquals(n + 2, lines.size());
            assertTrue(lines.get(n + 1).endsWith("; file-029999"), lines.get(n + 1));
        }
    }

    @Test
    void mlscListsOnTheControlChannel() throws Exception {
        try (TestFtpClient c = server.login("alice")) {
            List<String> lines = c.expect(250, "MLSC /small").lines();
            assertEquals("250-Contents of /small", lines.get(0));
            assertEquals("250 End.", lines.get(lines.size() - 1));
            assertEquals(3, lines.size() - 2, lines::toString);
            assertTrue(lines.stream().anyMatch(l -> l.startsWith(" Type=file;") && l.endsWith("; f1")), lines::toString);
            assertTrue(lines.stream().anyMatch(l -> l.startsWith(" Type=dir;") && l.endsWith("; sub")), lines::toString);
            assertEquals(550, c.expect(550, "MLSC /nothing").code());
        }
    }

    @Test
    void mlsrWalksTheTree() throws Exception {
        dsi.put("/small/sub/deep", new byte[7]);
        try (TestFtpClient c = server.login("alice")) {
            String listing = c.listing("MLSR /small");
            List<String> names = listing.lines().map(l -> l.substring(l.indexOf("; ") + 2)).sorted().toList();
            assertEquals(List.of("f1", "sub", "sub/deep", "with space"), names, listing);
            assertTrue(listing.contains("Size=7;"), listing);
        }
    }
}
