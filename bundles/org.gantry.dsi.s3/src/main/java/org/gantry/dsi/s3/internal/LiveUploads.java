package org.gantry.dsi.s3.internal;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.gantry.dsi.api.StorageUnavailableException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The uploads of an instance that have not ended, so that stopping the instance (uninstall,
 * reconfiguration) aborts their multipart uploads while it still can make requests, instead of
 * leaving parts stored in the bucket.
 */
final class LiveUploads {

    private static final Logger LOG = LoggerFactory.getLogger(LiveUploads.class);

    private final Set<S3Upload> uploads = ConcurrentHashMap.newKeySet();

    void started(S3Upload upload) {
        uploads.add(upload);
    }

    void ended(S3Upload upload) {
        uploads.remove(upload);
    }

    /** Aborts every upload still running and waits up to {@code patience} for the aborts. */
    void abortAll(Duration patience) {
        List<CompletableFuture<Void>> aborts = uploads.stream()
                .map(u -> u.abort(new StorageUnavailableException("the S3 DSI is stopping")).toCompletableFuture())
                .toList();
        if (aborts.isEmpty()) {
            return;
        }
        LOG.info("S3 DSI stopping: aborting {} upload(s)", aborts.size());
        try {
            CompletableFuture.allOf(aborts.toArray(CompletableFuture[]::new)).get(patience.toMillis(),
                    TimeUnit.MILLISECONDS);
        } catch (TimeoutException | ExecutionException e) {
            LOG.warn("S3 DSI stopping: not every upload was aborted; the bucket's lifecycle rule must remove them");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
