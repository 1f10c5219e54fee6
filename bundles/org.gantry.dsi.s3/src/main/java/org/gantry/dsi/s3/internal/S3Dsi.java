package org.gantry.dsi.s3.internal;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.gantry.dsi.api.Dsi;
import org.gantry.dsi.api.DsiCapabilities;
import org.gantry.dsi.api.DsiSession;
import org.gantry.dsi.api.SessionContext;
import org.gantry.dsi.support.ChecksumAlgorithm;

import software.amazon.awssdk.services.s3.S3Client;

/**
 * An S3-compatible object store as a DSI. It takes MODE E blocks in any order itself (at part
 * granularity, see {@link S3Upload}) and reads any range; it has no appends, links, permission
 * bits or settable times. Any checksum algorithm can be computed by reading the object.
 */
final class S3Dsi implements Dsi, AutoCloseable {

    static final DsiCapabilities CAPABILITIES = new DsiCapabilities(true, false, true, false, false, false, false,
            ChecksumAlgorithm.NAMES, false, false);

    private final S3Client client;
    private final ExecutorService threads;
    private final S3Namespace namespace;
    private final ChecksumRecords records;
    private final Requests requests;
    private final S3Counters counters = new S3Counters();
    private final UploadSettings uploads;
    private final ReadSettings reads;
    private final LiveUploads live = new LiveUploads();

    S3Dsi(S3Settings settings, S3Client client) {
        this(settings, client, new ObjectStore(client));
    }

    S3Dsi(S3Settings settings, S3Client client, ObjectStore store) {
        this.client = client;
        this.threads = Executors.newFixedThreadPool(settings.ioThreads(), daemonThreads("s3-" + settings.name()));
        this.records = new ChecksumRecords(store);
        this.namespace = new S3Namespace(store, new ObjectPaths(settings.bucket()), records);
        this.requests = new Requests(threads);
        this.uploads = new UploadSettings(settings.partSize(), settings.uploadWindow(), settings.uploadConcurrency(),
                settings.spillDirectory(), settings.spillLimit());
        this.reads = new ReadSettings(settings.readChunk(), settings.readConcurrency());
    }

    @Override
    public DsiCapabilities capabilities() {
        return CAPABILITIES;
    }

    @Override
    public CompletionStage<DsiSession> openSession(SessionContext context) {
        return CompletableFuture.completedFuture(new S3Session(namespace, records, requests, counters, uploads, reads,
                live));
    }

    @Override
    public Map<String, Long> counters() {
        return counters.snapshot();
    }

    /** Memory the uploads hold right now; for tests. */
    long uploadBuffers() {
        return counters.uploadBuffers();
    }

    /**
     * Aborts the uploads still running (their multipart uploads would otherwise stay stored),
     * lets queued requests finish, briefly, then stops the threads and the client.
     */
    @Override
    public void close() {
        live.abortAll(Duration.ofSeconds(20));
        threads.shutdown();
        try {
            if (!threads.awaitTermination(10, TimeUnit.SECONDS)) {
                threads.shutdownNow();
            }
        } catch (InterruptedException e) {
            threads.shutdownNow();
            Thread.currentThread().interrupt();
        }
        client.close();
    }

    private static java.util.concurrent.ThreadFactory daemonThreads(String prefix) {
        AtomicInteger count = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, prefix + "-" + count.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
