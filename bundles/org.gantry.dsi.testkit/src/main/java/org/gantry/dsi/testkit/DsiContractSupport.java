package org.gantry.dsi.testkit;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

import org.gantry.dsi.api.CommitInfo;
import org.gantry.dsi.api.DirectoryListing;
import org.gantry.dsi.api.Dsi;
import org.gantry.dsi.api.DsiCapabilities;
import org.gantry.dsi.api.DsiException;
import org.gantry.dsi.api.DsiReader;
import org.gantry.dsi.api.DsiSession;
import org.gantry.dsi.api.DsiWriter;
import org.gantry.dsi.api.FileInfo;
import org.gantry.dsi.api.ReadRequest;
import org.gantry.dsi.api.SessionContext;
import org.gantry.dsi.api.WriteRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * The fixture of the DSI contract: a fresh DSI and an open session per test, plus helpers that
 * turn asynchronous DSI calls into plain values or typed failures.
 */
public abstract class DsiContractSupport {

    /** How long any single DSI operation may take before the test fails. */
    protected static final Duration TIMEOUT = Duration.ofSeconds(30);

    /** The DSI under test, fresh for every test. */
    protected Dsi dsi;

    /** A session of {@link #dsi} for the user {@code tester}. */
    protected DsiSession session;

    private final List<DsiSession> extraSessions = new ArrayList<>();

    /** Creates a fresh, empty DSI for one test. */
    protected abstract Dsi createDsi() throws Exception;

    /** Releases what {@link #createDsi()} made; called after every test. */
    protected void destroyDsi(Dsi dsi) throws Exception {
    }

    /** The context a session is opened with; override to add attributes. */
    protected SessionContext sessionContext(String user) {
        return new SessionContext(user, Optional.empty(),
                new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), false, Optional.empty(), Map.of());
    }

    @BeforeEach
    public final void openDsiAndSession() throws Exception {
        dsi = createDsi();
        assertNotNull(dsi, "createDsi() returned null");
        session = await(dsi.openSession(sessionContext("tester")));
    }

    @AfterEach
    public final void closeSessionsAndDsi() throws Exception {
        try {
            extraSessions.forEach(DsiSession::close);
            if (session != null) {
                session.close();
            }
        } finally {
            if (dsi != null) {
                destroyDsi(dsi);
            }
        }
    }

    /** Opens another session on the same DSI; it is closed after the test. */
    protected DsiSession openSession(String user) throws DsiException {
        DsiSession other = await(dsi.openSession(sessionContext(user)));
        extraSessions.add(other);
        return other;
    }

    protected DsiCapabilities capabilities() {
        return dsi.capabilities();
    }

    /**
     * Whether each write is stored durably once its stage completes. Back-ends that gather
     * writes into larger units first (S3 parts) answer false; their durable ranges must then
     * only ever be sorted, merged and within the written data.
     */
    protected boolean storesEachWriteAtOnce() {
        return true;
    }

    /**
     * Waits for a stage and returns its value; a failure is rethrown as the {@link DsiException}
     * the DSI reported (unwrapped from {@link CompletionException}). Any other failure, or no
     * completion within {@link #TIMEOUT}, fails the test.
     */
    public static <T> T await(CompletionStage<T> stage) throws DsiException {
        assertNotNull(stage, "the DSI returned null instead of a stage");
        CompletableFuture<T> future = new CompletableFuture<>();
        stage.whenComplete((value, failure) -> {
            if (failure != null) {
                future.completeExceptionally(failure);
            } else {
                future.complete(value);
            }
        });
        try {
            return future.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw dsiCause(e.getCause());
        } catch (TimeoutException e) {
            throw new AssertionError("the stage did not complete within " + TIMEOUT, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while waiting for a stage", e);
        }
    }

    /** The DSI failure inside a stage failure; anything that is not a DsiException is a contract breach. */
    private static DsiException dsiCause(Throwable failure) {
        Throwable cause = failure;
        while ((cause instanceof CompletionException || cause instanceof ExecutionException)
                && cause.getCause() != null) {
            cause = cause.getCause();
        }
        if (cause instanceof DsiException dsiException) {
            return dsiException;
        }
        throw new AssertionError("the stage failed with " + cause + " instead of a DsiException", cause);
    }

    /**
     * Runs an operation that must fail with {@code expected} through its stage (not by throwing)
     * and returns the failure.
     */
    public static <E extends DsiException> E assertFails(Class<E> expected, Supplier<CompletionStage<?>> operation) {
        CompletionStage<?> stage;
        try {
            stage = operation.get();
        } catch (RuntimeException e) {
            throw new AssertionError("the DSI threw " + e + " instead of failing the stage", e);
        }
        try {
            await(stage);
        } catch (DsiException e) {
            if (expected.isInstance(e)) {
                return expected.cast(e);
            }
            throw new AssertionError("expected " + expected.getSimpleName() + " but got " + e, e);
        }
        throw new AssertionError("expected " + expected.getSimpleName() + " but the operation succeeded");
    }

    /** Deterministic pseudo-random content, so failures are reproducible. */
    protected static byte[] randomBytes(int length, long seed) {
        byte[] bytes = new byte[length];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }

    /** Uploads {@code content} to {@code path} in one write and commits it. */
    protected void writeFile(String path, byte[] content) throws DsiException {
        writeFile(session, path, content);
    }

    protected static void writeFile(DsiSession in, String path, byte[] content) throws DsiException {
        DsiWriter writer = await(in.openWrite(path, WriteRequest.replace()));
        if (content.length > 0) {
            await(writer.write(ByteBuffer.wrap(content), 0));
        }
        await(writer.commit(new CommitInfo(content.length, List.of())));
    }

    /** Reads a whole file through a reader. */
    protected byte[] readFile(String path) throws DsiException {
        return readFile(session, path);
    }

    protected static byte[] readFile(DsiSession in, String path) throws DsiException {
        DsiReader reader = await(in.openRead(path, ReadRequest.whole()));
        try {
            return readAll(reader);
        } finally {
            reader.close();
        }
    }

    /** Reads from offset 0 until the reader reports end of file. */
    protected static byte[] readAll(DsiReader reader) throws DsiException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteBuffer buffer = ByteBuffer.allocate(64 * 1024);
        long position = 0;
        while (true) {
            buffer.clear();
            int count = await(reader.read(buffer, position));
            if (count < 0) {
                return out.toByteArray();
            }
            assertTrue(count > 0, "a read must return at least one byte or -1, got " + count);
            out.write(buffer.array(), 0, count);
            position += count;
        }
    }

    /** Reads exactly {@code length} bytes at {@code position}, looping over short reads. */
    protected static byte[] readRange(DsiReader reader, long position, int length) throws DsiException {
        ByteBuffer buffer = ByteBuffer.allocate(length);
        while (buffer.hasRemaining()) {
            int count = await(reader.read(buffer, position + buffer.position()));
            assertTrue(count > 0, "unexpected end of file at " + (position + buffer.position()));
        }
        return buffer.array();
    }

    /** Every entry of a directory, pulled in batches of {@code batchSize}. */
    protected List<FileInfo> listAll(String directory, int batchSize) throws DsiException {
        List<FileInfo> entries = new ArrayList<>();
        try (DirectoryListing listing = await(session.list(directory))) {
            while (true) {
                List<FileInfo> batch = await(listing.next(batchSize));
                assertTrue(batch.size() <= batchSize, "a batch of " + batch.size() + " exceeds " + batchSize);
                if (batch.isEmpty()) {
                    return entries;
                }
                entries.addAll(batch);
            }
        }
    }

    /** The names in a directory, sorted. */
    protected Set<String> listNames(String directory) throws DsiException {
        Set<String> names = new TreeSet<>();
        for (FileInfo entry : listAll(directory, 100)) {
            assertTrue(names.add(entry.name()), "entry listed twice: " + entry.name());
        }
        return names;
    }
}
