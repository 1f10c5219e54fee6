package org.gantry.itests;

import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongUnaryOperator;

import org.gantry.dsi.api.Dsi;
import org.gantry.dsi.api.DsiCapabilities;
import org.gantry.dsi.api.DsiSession;
import org.gantry.dsi.api.SessionContext;

/**
 * A deliberately slow storage back-end for tests, registered from the Pax Exam probe: every write
 * takes its share of one fixed byte rate and completes later on the DSI's own threads, in any
 * order (random writes). It keeps no data: each write is checked against the content the test
 * sent ({@link SeededContent}, the seed per path given by the test), and a commit records what
 * arrived, so a test can tell that a file is complete and byte-identical without holding it.
 */
final class ThrottledDsi implements Dsi, AutoCloseable {

    /** What one committed upload received. */
    record StoredUpload(long size, ByteRanges coverage, long bytesWritten, long firstMismatch) {
    }

    private static final DsiCapabilities CAPABILITIES = new DsiCapabilities(
            true,   // randomWrites: the core may keep several writes in flight, in any order
            false, false, false, false, false, false, Set.of(), false, false);

    private final BytePacer pacer;
    private final LongUnaryOperator seedOfFile;
    private final ScheduledExecutorService executor;
    private final Map<String, StoredUpload> committed = new ConcurrentHashMap<>();
    private final AtomicLong bytesStored = new AtomicLong();
    private final AtomicInteger aborted = new AtomicInteger();

    /**
     * @param bytesPerSecond the rate all writes together get
     * @param seedOfFile     the content seed of a file, given its number (see {@link #seedKey})
     */
    ThrottledDsi(long bytesPerSecond, LongUnaryOperator seedOfFile) {
        this.pacer = new BytePacer(bytesPerSecond);
        this.seedOfFile = seedOfFile;
        AtomicInteger threads = new AtomicInteger();
        this.executor = Executors.newScheduledThreadPool(2, r -> {
            Thread t = new Thread(r, "throttled-dsi-" + threads.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    /** The key {@code seedOfFile} gets for a path: its file number, the digits of the name. */
    static long seedKey(String dsiPath) {
        String digits = dsiPath.replaceAll("\\D", "");
        return digits.isEmpty() ? -1 : Long.parseLong(digits);
    }

    @Override
    public DsiCapabilities capabilities() {
        return CAPABILITIES;
    }

    @Override
    public CompletionStage<DsiSession> openSession(SessionContext context) {
        return CompletableFuture.completedFuture(new ThrottledSession(this));
    }

    long bytesPerSecond() {
        return pacer.bytesPerSecond();
    }

    /** Bytes all writes have stored so far. */
    long bytesStored() {
        return bytesStored.get();
    }

    int abortedUploads() {
        return aborted.get();
    }

    Optional<StoredUpload> committed(String dsiPath) {
        return Optional.ofNullable(committed.get(dsiPath));
    }

    ThrottledWriter newWriter(String dsiPath) {
        return new ThrottledWriter(dsiPath, seedOfFile.applyAsLong(seedKey(dsiPath)), pacer, executor,
                this::onCommit, aborted::incrementAndGet, bytesStored::addAndGet);
    }

    private void onCommit(String dsiPath, StoredUpload upload) {
        committed.put(dsiPath, upload);
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
