package org.gantry.dsi.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.gantry.dsi.api.DirectoryListing;
import org.gantry.dsi.api.FileInfo;
import org.gantry.dsi.api.FileType;
import org.gantry.dsi.api.NotDirectoryException;
import org.gantry.dsi.api.NotFoundException;
import org.junit.jupiter.api.Test;

/** Streaming directory listings pulled in batches. */
public abstract class ListingContract extends NamespaceContract {

    private static final int MANY_ENTRIES = 250;
    private static final int BATCH = 64;

    @Test
    public void listOfEmptyDirectoryEndsWithAnEmptyBatch() throws Exception {
        await(session.mkdir("/empty"));

        try (DirectoryListing listing = await(session.list("/empty"))) {
            assertEquals(List.of(), await(listing.next(10)));
        }
    }

    @Test
    public void listDeliversEveryEntryOnceInBatchesNoLargerThanAsked() throws Exception {
        await(session.mkdir("/many"));
        Map<String, FileType> expected = new HashMap<>();
        for (int i = 0; i < MANY_ENTRIES; i++) {
            // Mostly directories because they are cheap to make; every fifth entry is a file.
            String name = String.format("entry-%03d", i);
            if (i % 5 == 0) {
                writeFile("/many/" + name, new byte[] {(byte) i});
                expected.put(name, FileType.FILE);
            } else {
                await(session.mkdir("/many/" + name));
                expected.put(name, FileType.DIRECTORY);
            }
        }

        Map<String, FileType> listed = new HashMap<>();
        int batches = 0;
        try (DirectoryListing listing = await(session.list("/many"))) {
            for (List<FileInfo> batch = await(listing.next(BATCH)); !batch.isEmpty();
                    batch = await(listing.next(BATCH))) {
                assertTrue(batch.size() <= BATCH, "batch of " + batch.size() + " is larger than " + BATCH);
                batches++;
                for (FileInfo entry : batch) {
                    assertEquals(null, listed.put(entry.name(), entry.type()), "listed twice: " + entry.name());
                }
            }
            assertEquals(List.of(), await(listing.next(BATCH)), "an exhausted listing stays empty");
        }

        assertEquals(expected, listed);
        assertTrue(batches >= (MANY_ENTRIES + BATCH - 1) / BATCH, "expected several batches, got " + batches);
    }

    @Test
    public void listEntriesDescribeThemselves() throws Exception {
        await(session.mkdir("/dir"));
        writeFile("/dir/file.bin", randomBytes(777, 4));
        await(session.mkdir("/dir/sub"));

        Map<String, FileInfo> byName = new HashMap<>();
        for (FileInfo entry : listAll("/dir", 10)) {
            byName.put(entry.name(), entry);
        }

        assertEquals(Set.of("file.bin", "sub"), byName.keySet());
        assertEquals(FileType.FILE, byName.get("file.bin").type());
        assertEquals(777, byName.get("file.bin").size());
        assertEquals(FileType.DIRECTORY, byName.get("sub").type());
    }

    @Test
    public void listOfRootShowsTopLevelEntriesOnly() throws Exception {
        await(session.mkdir("/top"));
        await(session.mkdir("/top/nested"));
        writeFile("/file", new byte[] {1});

        assertEquals(Set.of("top", "file"), listNames("/"));
    }

    @Test
    public void listOfFileFailsWithNotDirectory() throws Exception {
        writeFile("/file", new byte[] {1});

        assertFails(NotDirectoryException.class, () -> session.list("/file"));
    }

    @Test
    public void listOfMissingDirectoryFailsWithNotFound() {
        assertFails(NotFoundException.class, () -> session.list("/missing"));
    }

    @Test
    public void listingClosedEarlyDoesNotDisturbLaterListings() throws Exception {
        await(session.mkdir("/dir"));
        for (int i = 0; i < 5; i++) {
            await(session.mkdir("/dir/d" + i));
        }

        try (DirectoryListing listing = await(session.list("/dir"))) {
            assertEquals(2, await(listing.next(2)).size());
        }

        assertEquals(5, listNames("/dir").size());
    }
}
