package org.gantry.dsi.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import org.gantry.dsi.api.ByteRange;
import org.gantry.dsi.api.CommitInfo;
import org.gantry.dsi.api.DsiCapabilities;
import org.gantry.dsi.api.DsiWriter;
import org.gantry.dsi.support.RangeSet;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ReorderingWriterTest {

    private static final DsiCapabilities ORDERED = new DsiCapabilities(false, false, true, false, false,
            false, false, Set.of(), false, true);

    private final ExecutorService tapeThread = Executors.newSingleThreadExecutor();

    @AfterEach
    void stop() {
        tapeThread.shutdownNow();
    }

    /** A sequential back-end: completes later, on its own thread, and refuses any jump or overlap. */
    private final class SequentialWriter implements DsiWriter {
        final RangeSet written = new RangeSet();
        long expected;
        int concurrent;
        int maxConcurrent;

        @Override
        public synchronized CompletionStage<Void> write(ByteBuffer source, long position) {
            if (position != expected) {
                return CompletableFuture.failedFuture(new IllegalStateException("write at " + position
                        + ", expected " + expected));
            }
            expected += source.remaining();
            concurrent++;
            maxConcurrent = Math.max(maxConcurrent, concurrent);
            long end = expected;
            return CompletableFuture.runAsync(() -> {
                synchronized (this) {
                    concurrent--;
                    written.add(position, end);
                }
            }, CompletableFuture.delayedExecutor(2, TimeUnit.MILLISECONDS, tapeThread));
        }

        @Override
        public List<ByteRange> durableRanges() {
            return written.toList();
        }

        @Override
        public CompletionStage<Void> commit(CommitInfo info) {
            return CompletableFuture.completedFuture(null);
        }

        @Override
        public CompletionStage<Void> abort(Throwable cause) {
            return CompletableFuture.completedFuture(null);
        }
    }

    @Test
    void shuffledBlocksReachASequentialBackEndInOrderOneAtATime() throws Exception {
        SequentialWriter backEnd = new SequentialWriter();
        ReorderingWriter writer = new ReorderingWriter(backEnd, ORDERED);
        List<Long> offsets = new ArrayList<>();
        for (long offset = 0; offset < 50 * 100; offset += 100) {
            offsets.add(offset);
        }
        Collections.shuffle(offsets, new Random(1));

        List<CompletionStage<Void>> writes = new ArrayList<>();
        for (long offset : offsets) {
            writes.add(writer.write(ByteBuffer.allocate(100), offset));
        }
        for (CompletionStage<Void> write : writes) {
            DsiContractSupport.await(write);
        }

        assertEquals(List.of(new ByteRange(0, 5000)), backEnd.durableRanges());
        assertEquals(1, backEnd.maxConcurrent);
        assertEquals(offsets.stream().sorted().toList(), writer.offsetsWritten());
    }

    @Test
    void aFailedWriteFailsTheBlocksWaitingBehindIt() throws Exception {
        SequentialWriter backEnd = new SequentialWriter();
        // Claims 0-100 is held already, which the back-end does not know: its first write fails.
        ReorderingWriter writer = new ReorderingWriter(backEnd, ORDERED, List.of(new ByteRange(0, 100)));
        CompletionStage<Void> waiting = writer.write(ByteBuffer.allocate(100), 200);
        CompletionStage<Void> refused = writer.write(ByteBuffer.allocate(100), 100);

        assertThrows(AssertionError.class, () -> DsiContractSupport.await(refused));
        Throwable failure = waiting.toCompletableFuture().handle((v, t) -> t).get(5, TimeUnit.SECONDS);
        assertTrue(failure instanceof IllegalStateException, "the waiting block fails too: " + failure);
    }
}
