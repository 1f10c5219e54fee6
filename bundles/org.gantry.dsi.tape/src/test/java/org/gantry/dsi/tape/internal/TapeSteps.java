package org.gantry.dsi.tape.internal;

import static org.junit.jupiter.api.Assertions.fail;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import org.gantry.dsi.api.CommitInfo;
import org.gantry.dsi.api.DsiReader;
import org.gantry.dsi.api.DsiSession;
import org.gantry.dsi.api.DsiWriter;
import org.gantry.dsi.api.ReadRequest;
import org.gantry.dsi.api.SessionContext;
import org.gantry.dsi.api.WriteRequest;

/** What the tape DSI tests do through a session: open one, write and read files, wait. */
final class TapeSteps {

    private static final long TIMEOUT_SECONDS = 60;
    private static final int CHUNK = 65536;

    private TapeSteps() {
    }

    static DsiSession session(TapeDsi dsi, String user) throws Exception {
        return await(dsi.openSession(new SessionContext(user, Optional.empty(), new InetSocketAddress("127.0.0.1", 1),
                false, Optional.empty(), Map.of())));
    }

    /** Uploads {@code size} random bytes in ascending chunks, as the core feeds an ordered DSI. */
    static byte[] write(DsiSession session, String path, int size, long seed) throws Exception {
        byte[] content = new byte[size];
        new Random(seed).nextBytes(content);
        DsiWriter writer = await(session.openWrite(path, WriteRequest.replace()));
        for (int at = 0; at < size; at += CHUNK) {
            await(writer.write(ByteBuffer.wrap(content, at, Math.min(CHUNK, size - at)), at));
        }
        await(writer.commit(new CommitInfo(size, List.of())));
        return content;
    }

    static byte[] read(DsiSession session, String path) throws Exception {
        try (DsiReader reader = await(session.openRead(path, ReadRequest.whole()))) {
            ByteBuffer all = ByteBuffer.allocate((int) reader.size());
            while (all.hasRemaining() && await(reader.read(all, all.position())) > 0) {
                // until the end
            }
            return all.array();
        }
    }

    /** Whether the catalogue records a tape copy of {@code path} (false while it does not exist). */
    static boolean onTape(TapeDsi dsi, String path) {
        try {
            return dsi.catalogue().lookup(path).tape().isPresent();
        } catch (Exception e) {
            return false;
        }
    }

    static void awaitTrue(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(TIMEOUT_SECONDS);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                fail("timed out waiting for " + what);
            }
            Thread.sleep(10);
        }
    }

    static <T> T await(CompletionStage<T> stage) throws Exception {
        try {
            return stage.toCompletableFuture().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof Exception x ? x : e;
        }
    }

    static Throwable failure(CompletionStage<?> stage) throws Exception {
        try {
            stage.toCompletableFuture().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            return e.getCause();
        }
        throw new AssertionError("expected a failure");
    }
}
