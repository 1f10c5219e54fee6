package org.gantry.security.internal.gridmap;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;

import org.gantry.security.internal.testing.TestPki;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GridMapFileTest {

    @TempDir
    Path dir;

    private Path write(String... lines) throws IOException {
        Path file = dir.resolve("grid-mapfile");
        Files.write(file, List.of(lines));
        return file;
    }

    @Test
    void thePkiScriptsGridMapfileMapsTheTestUser() {
        GridMapFile gridMap = new GridMapFile(TestPki.get().gridMapFile());
        assertEquals(List.of(TestPki.LOCAL_USER), gridMap.accountsFor(TestPki.USER_DN));
        assertEquals(List.of(), gridMap.accountsFor("/DC=test/DC=gridftp/CN=Somebody Else"));
    }

    @Test
    void theFirstLineForADnCountsAndBadLinesAreSkipped() throws IOException {
        GridMapFile gridMap = new GridMapFile(write(
                "# users",
                "\"/O=Ex/CN=Jane\" jane,staff",
                "\"/O=Ex/CN=Broken",
                "\"/O=Ex/CN=Jane\" other",
                "\"/O=Ex/CN=Joe\" joe"));
        assertEquals(List.of("jane", "staff"), gridMap.accountsFor("/O=Ex/CN=Jane"));
        assertEquals(List.of("joe"), gridMap.accountsFor("/O=Ex/CN=Joe"));
    }

    @Test
    void changesCountWithoutRestart() throws IOException {
        Path file = write("\"/O=Ex/CN=Jane\" jane");
        GridMapFile gridMap = new GridMapFile(file);
        assertEquals(List.of(), gridMap.accountsFor("/O=Ex/CN=Joe"));
        Files.write(file, List.of("\"/O=Ex/CN=Jane\" jane", "\"/O=Ex/CN=Joe\" joe"));
        Files.setLastModifiedTime(file, FileTime.from(Instant.now().plusSeconds(30)));
        assertEquals(List.of("joe"), gridMap.accountsFor("/O=Ex/CN=Joe"));
        Files.delete(file);
        assertEquals(List.of(), gridMap.accountsFor("/O=Ex/CN=Jane"), "a removed file maps nobody");
    }

    @Test
    void oldEmailSpellingsMatchEmailAddress() throws IOException {
        GridMapFile gridMap = new GridMapFile(write("\"/O=Ex/CN=Jane/Email=jane@example.org\" jane"));
        assertEquals(List.of("jane"), gridMap.accountsFor("/O=Ex/CN=Jane/emailAddress=jane@example.org"));
    }
}
