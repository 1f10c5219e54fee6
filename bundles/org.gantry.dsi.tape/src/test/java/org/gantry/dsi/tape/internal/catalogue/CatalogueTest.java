package org.gantry.dsi.tape.internal.catalogue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.gantry.dsi.api.Checksum;
import org.gantry.dsi.api.Locality;
import org.gantry.dsi.api.NotFoundException;
import org.gantry.dsi.tape.internal.library.TapeLocation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CatalogueTest {

    @TempDir
    Path dir;

    private static final Instant T = Instant.parse("2026-11-23T10:00:00Z");

    @Test
    void namesStatesAndPendingRecallsSurviveAReopen() throws Exception {
        long id;
        try (Catalogue c = Catalogue.open(dir, 0755)) {
            c.mkdir("/cms", "alice", 0750);
            id = c.newFileId();
            c.commitFile("/cms/a.root", id, 1234, List.of(new Checksum("ADLER32", "0badf00d")), "alice", 0640, "cms", T);
            c.flushed(id, new TapeLocation("T00002", 4096, 1234));
            c.setCached(id, false);
            c.addRecall(new PendingRecall(id, "bob", 5, T));
            c.rename("/cms/a.root", "/cms/b.root");
        }
        try (Catalogue c = Catalogue.open(dir, 0755)) {
            CatalogueEntry e = c.lookup("/cms/b.root");
            assertEquals(id, e.id());
            assertEquals(1234, e.size());
            assertEquals(T, e.modified());
            assertEquals(0640, e.mode());
            assertEquals("cms", e.family());
            assertEquals(Optional.of("0badf00d"), e.checksum("ADLER32"));
            assertEquals(Optional.of(new TapeLocation("T00002", 4096, 1234)), e.tape());
            assertEquals(Locality.NEARLINE, e.locality());
            assertEquals(List.of(new PendingRecall(id, "bob", 5, T)), c.pendingRecalls());
            assertThrows(NotFoundException.class, () -> c.lookup("/cms/a.root"));
            assertEquals("/cms/b.root", c.pathOf(id));
            assertTrue(c.newFileId() > id, "ids are never handed out twice");
        }
    }

    @Test
    void aTornLastTransactionIsDroppedAndLaterChangesStillCount() throws Exception {
        try (Catalogue c = Catalogue.open(dir, 0755)) {
            c.mkdir("/kept", "u", 0755);
        }
        try (Catalogue c = Catalogue.open(dir, 0755)) {
            c.mkdir("/also-kept", "u", 0755);
        }
        // A crash in the middle of an append: half a line, no newline.
        Files.writeString(dir.resolve(Journal.LOG), "1234abcd E\t99\t1\ttorn", StandardCharsets.UTF_8,
                StandardOpenOption.APPEND);
        try (Catalogue c = Catalogue.open(dir, 0755)) {
            assertTrue(c.lookup("/kept").directory());
            assertTrue(c.lookup("/also-kept").directory());
            assertThrows(NotFoundException.class, () -> c.lookup("/torn"));
            c.mkdir("/after", "u", 0755);
        }
        try (Catalogue c = Catalogue.open(dir, 0755)) {
            assertTrue(c.lookup("/after").directory());
        }
    }

    @Test
    void aLineWithABadChecksumEndsTheReplay() throws Exception {
        try (Catalogue c = Catalogue.open(dir, 0755)) {
            c.mkdir("/good", "u", 0755);
        }
        String damaged = Journal.encode(List.of(List.of("D", "1"))).replace("D", "E") + "\n";
        Files.writeString(dir.resolve(Journal.LOG), damaged, StandardCharsets.UTF_8, StandardOpenOption.APPEND);
        try (Catalogue c = Catalogue.open(dir, 0755)) {
            assertTrue(c.lookup("/good").directory());
        }
    }

    @Test
    void oddNamesRoundTrip() throws Exception {
        String odd = "/tab\there 100% new\nline \u001e sep ü";
        try (Catalogue c = Catalogue.open(dir, 0755)) {
            c.mkdir(odd, "u", 0755);
        }
        try (Catalogue c = Catalogue.open(dir, 0755)) {
            assertTrue(c.lookup(odd).directory());
            assertEquals(odd.substring(1), c.children(Catalogue.ROOT_ID, null, 10).get(0).name());
        }
    }

    @Test
    void replacingAFileReturnsTheOldOneAndDeletingDropsItsRecall() throws Exception {
        try (Catalogue c = Catalogue.open(dir, 0755)) {
            long first = c.newFileId();
            c.commitFile("/f", first, 10, List.of(), "u", 0600, "default", T);
            c.chmod("/f", 0640);
            long second = c.newFileId();
            Optional<CatalogueEntry> replaced = c.commitFile("/f", second, 20, List.of(), "u", 0600, "default", T);
            assertEquals(first, replaced.orElseThrow().id());
            assertEquals(0640, c.lookup("/f").mode(), "a replaced file keeps its permissions");
            assertFalse(c.byId(first).isPresent());
            c.addRecall(new PendingRecall(second, "u", 0, T));
            c.deleteFile("/f");
            assertTrue(c.pendingRecalls().isEmpty());
        }
        try (Catalogue c = Catalogue.open(dir, 0755)) {
            assertTrue(c.files().isEmpty());
            assertTrue(c.pendingRecalls().isEmpty());
        }
    }
}
