package org.gantry.core.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.gantry.dsi.api.Locality;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The X.locality fact: shown for files of a staging DSI only, and read without staging anything. */
class LocalityFactTest {

    private MemoryDsi disk;
    private MemoryDsi tape;
    private TestServer server;

    @BeforeEach
    void start() throws Exception {
        disk = new MemoryDsi("disk");
        disk.put("/plain", new byte[3]);
        tape = new MemoryDsi("tape");
        tape.staging = true;
        tape.mkdirs("/d");
        tape.put("/d/cold", new byte[5]);
        tape.nodes.get("/d/cold").locality = Locality.NEARLINE;
        tape.put("/d/warm", new byte[6]);
        tape.nodes.get("/d/warm").locality = Locality.ONLINE_AND_NEARLINE;
        server = new TestServer(new TestConfig().set("mounts", new String[] { "/=disk", "/tape=tape" }), disk, tape);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void mlstShowsTheLocalityOfAStagingDsisFileOnly() throws Exception {
        try (TestFtpClient c = server.login("alice")) {
            String cold = c.expect(250, "MLST /tape/d/cold").lines().get(1);
            assertTrue(cold.contains(";X.locality=NEARLINE;"), cold);
            assertTrue(cold.endsWith("Unique=m-" + tape.nodes.get("/d/cold").id + ";X.locality=NEARLINE; /tape/d/cold"),
                    "the fact comes last: " + cold);
            String dir = c.expect(250, "MLST /tape/d").lines().get(1);
            assertFalse(dir.contains("X.locality"), "a directory has no data to locate: " + dir);
            String plain = c.expect(250, "MLST /plain").lines().get(1);
            assertFalse(plain.contains("X.locality"), "a non-staging DSI never shows it: " + plain);
        }
    }

    @Test
    void mlsdAndMlscShowItPerFile() throws Exception {
        try (TestFtpClient c = server.login("alice")) {
            c.expect(200, "TYPE I");
            List<String> mlsd = c.listing("MLSD /tape/d").lines().toList();
            assertTrue(mlsd.stream().anyMatch(l -> l.contains(";X.locality=NEARLINE; cold")), mlsd::toString);
            assertTrue(mlsd.stream().anyMatch(l -> l.contains(";X.locality=ONLINE_AND_NEARLINE; warm")),
                    mlsd::toString);
            List<String> mlsc = c.expect(250, "MLSC /tape/d").lines();
            assertTrue(mlsc.stream().anyMatch(l -> l.startsWith(" Type=file;") && l.endsWith(";X.locality=NEARLINE; cold")),
                    mlsc::toString);
            List<String> root = c.listing("MLSD /").lines().toList();
            assertTrue(root.stream().noneMatch(l -> l.contains("X.locality")), root::toString);
        }
    }

    @Test
    void listingsNeverOpenAFile() throws Exception {
        try (TestFtpClient c = server.login("alice")) {
            c.expect(250, "MLST /tape/d/cold");
            c.expect(250, "MLSC /tape/d");
            c.listing("MLSD /tape/d");
            c.listing("MLSR /tape");
        }
        assertEquals(0, tape.openReads.get(), "a listing must not start a recall");
    }

    @Test
    void optsMlstCanTurnItOff() throws Exception {
        try (TestFtpClient c = server.login("alice")) {
            c.expect(200, "OPTS MLST Type;Size;");
            String cold = c.expect(250, "MLST /tape/d/cold").lines().get(1);
            assertEquals(" Type=file;Size=5; /tape/d/cold", cold);
        }
    }
}
