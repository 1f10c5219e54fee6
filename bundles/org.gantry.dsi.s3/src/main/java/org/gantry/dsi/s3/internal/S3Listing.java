package org.gantry.dsi.s3.internal;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CompletionStage;

import org.gantry.dsi.api.DirectoryListing;
import org.gantry.dsi.api.DsiException;
import org.gantry.dsi.api.FileInfo;

import software.amazon.awssdk.services.s3.model.CommonPrefix;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * A directory's entries (the session has checked that it is one), fetched one ListObjectsV2 page (at most {@value #PAGE} keys) at a time
 * as the caller pulls them, so a prefix with any number of objects lists in bounded memory.
 * Common prefixes are the subdirectories; the directory's own marker, Gantry's checksum records
 * and keys with an empty path element ({@code a//b}) are not shown. Entries carry no checksums:
 * ListObjectsV2 returns no user metadata.
 */
final class S3Listing implements DirectoryListing {

    static final int PAGE = 1000;

    private final Requests requests;
    private final S3Namespace namespace;
    private final String path;
    private final S3Location at;
    private final Deque<FileInfo> ready = new ArrayDeque<>();
    private String token;
    private boolean exhausted;

    S3Listing(Requests requests, S3Namespace namespace, String path, S3Location at) {
        this.requests = requests;
        this.namespace = namespace;
        this.path = path;
        this.at = at;
    }

    @Override
    public synchronized CompletionStage<List<FileInfo>> next(int max) {
        if (!ready.isEmpty() || exhausted) {
            return java.util.concurrent.CompletableFuture.completedFuture(take(max));
        }
        return requests.call(() -> {
            synchronized (this) {
                while (ready.isEmpty() && !exhausted) {
                    fetchPage();
                }
                return take(max);
            }
        });
    }

    private List<FileInfo> take(int max) {
        List<FileInfo> batch = new ArrayList<>();
        while (batch.size() < max && !ready.isEmpty()) {
            batch.add(ready.poll());
        }
        return batch;
    }

    private void fetchPage() throws DsiException {
        ListObjectsV2Response page = namespace.store().list(path, at.bucket(), at.directoryPrefix(), true, token, PAGE);
        String prefix = at.directoryPrefix();
        for (CommonPrefix p : page.commonPrefixes()) {
            String name = p.prefix().substring(prefix.length(), p.prefix().length() - 1);
            if (!name.isEmpty() && !ObjectPaths.hidden(p.prefix())) {
                ready.add(Entries.directory(name, Instant.EPOCH));
            }
        }
        for (S3Object object : page.contents()) {
            String name = object.key().substring(prefix.length());
            if (!name.isEmpty() && !name.endsWith("/")) {
                ready.add(Entries.file(name, object.size(), object.lastModified(), List.of()));
            }
        }
        token = page.nextContinuationToken();
        exhausted = token == null;
    }

    @Override
    public void close() {
        synchronized (this) {
            ready.clear();
            exhausted = true;
        }
    }
}
