package org.gantry.dsi.testkit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

import org.gantry.dsi.api.ByteRange;
import org.gantry.dsi.api.CommitInfo;
import org.gantry.dsi.api.DsiReader;
import org.gantry.dsi.api.DsiWriter;
import org.gantry.dsi.api.NotFoundException;
import org.gantry.dsi.api.ReadRequest;
import org.gantry.dsi.api.WriteRequest;
import org.gantry.dsi.support.RangeSet;
import org.junit.jupiter.api.Test;

/**
 * Restarts and zero-copy: a suspended upload is never visible and, where the back-end keeps
 * partial uploads, a request with present ranges resumes it; a reader's file channel, if it
 * offers one, holds the file's bytes.
 */
public abstract class RestartContract extends StoredChecksumContract {

    private static WriteRequest resuming(List<ByteRange> present) {
        return new WriteRequest(false, -1, Optional.empty(), Optional.empty(), present);
    }

    @Test
    public void aSuspendedUploadIsNotVisible() throws Exception {
        DsiWriter writer = await(session.openWrite("/suspended.bin", WriteRequest.replace()));
        await(writer.write(ByteBuffer.wrap(randomBytes(5000, 1)), 0));
        await(writer.suspend(new RuntimeException("connection lost")));

        assertFalse(listNames("/").contains("suspended.bin"), "a suspended upload must not be listed");
        assertFails(NotFoundException.class, () -> session.stat("/suspended.bin", true));
    }

    /**
     * The first upload delivers the first and last third; an ordered DSI gets only the first
     * (the last waits in the reorder stage for the middle), so only that one is present.
     */
    @Test
    public void aSuspendedUploadResumesWithItsPresentRangesOrIsGone() throws Exception {
        byte[] content = randomBytes(300_000, 2);
        DsiWriter first = await(session.openWrite("/resumed.bin", WriteRequest.replace()));
        ReorderingWriter firstBlocks = new ReorderingWriter(first, capabilities());
        await(firstBlocks.write(ByteBuffer.wrap(content, 0, 100_000), 0));
        CompletionStage<Void> last = firstBlocks.write(ByteBuffer.wrap(content, 200_000, 100_000), 200_000);
        List<ByteRange> present;
        if (capabilities().randomWrites()) {
            await(last);
            present = List.of(new ByteRange(0, 100_000), new ByteRange(200_000, 300_000));
        } else {
            assertEquals(1, firstBlocks.waiting(), "the last third waits for the middle one");
            present = List.of(new ByteRange(0, 100_000));
        }
        await(first.suspend(new RuntimeException("connection lost")));

        DsiWriter second = await(session.openWrite("/resumed.bin", resuming(present)));
        if (!capabilities().keepsPartialUploads()) {
            assertTrue(second.durableRanges().isEmpty(), "without keepsPartialUploads nothing may be kept");
            await(second.abort(new RuntimeException("nothing to resume")));
            return;
        }
        assertEquals(present, second.durableRanges(), "the resumed upload must hold the present ranges");
        ReorderingWriter secondBlocks = new ReorderingWriter(second, capabilities(), present);
        List<CompletionStage<Void>> rest = new ArrayList<>();
        RangeSet held = new RangeSet();
        present.forEach(r -> held.add(r.start(), r.end()));
        for (ByteRange missing : held.complement(0, content.length)) {
            rest.add(secondBlocks.write(ByteBuffer.wrap(content, (int) missing.start(),
                    (int) (missing.end() - missing.start())), missing.start()));
        }
        for (CompletionStage<Void> write : rest) {
            await(write);
        }
        await(second.commit(new CommitInfo(content.length, List.of())));

        assertArrayEquals(content, readFile("/resumed.bin"));
    }

    @Test
    public void anAbortedUploadIsNotResumable() throws Exception {
        DsiWriter first = await(session.openWrite("/aborted.bin", WriteRequest.replace()));
        await(first.write(ByteBuffer.wrap(randomBytes(1000, 3)), 0));
        await(first.abort(new RuntimeException("refused")));

        DsiWriter second = await(session.openWrite("/aborted.bin", resuming(List.of(new ByteRange(0, 1000)))));
        assertTrue(second.durableRanges().isEmpty(), "nothing of an aborted upload may be kept");
        await(second.abort(new RuntimeException("done")));
    }

    @Test
    public void aReadersFileChannelHoldsTheFile() throws Exception {
        byte[] content = randomBytes(70_000, 4);
        writeFile("/channel.bin", content);
        try (DsiReader reader = await(session.openRead("/channel.bin", ReadRequest.whole()))) {
            Optional<FileChannel> channel = reader.fileChannel();
            if (channel.isEmpty()) {
                // Optional: such back-ends are read through read(); that path must then work.
                assertArrayEquals(content, readAll(reader));
                return;
            }
            ByteBuffer all = ByteBuffer.allocate(content.length);
            while (all.hasRemaining() && channel.get().read(all, all.position()) > 0) {
                // positional reads, as sendfile does them
            }
            assertArrayEquals(content, all.array());
        }
    }
}
