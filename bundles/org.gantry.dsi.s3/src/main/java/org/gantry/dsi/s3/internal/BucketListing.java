package org.gantry.dsi.s3.internal;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import org.gantry.dsi.api.DirectoryListing;
import org.gantry.dsi.api.FileInfo;

import software.amazon.awssdk.services.s3.model.Bucket;

/** The service root in bucket-per-directory mode: the credentials' buckets, as directories. */
final class BucketListing implements DirectoryListing {

    private final Deque<FileInfo> entries;

    private BucketListing(Deque<FileInfo> entries) {
        this.entries = entries;
    }

    static BucketListing of(List<Bucket> buckets) {
        Deque<FileInfo> entries = new ArrayDeque<>();
        buckets.forEach(b -> entries.add(Entries.directory(b.name(), b.creationDate())));
        return new BucketListing(entries);
    }

    @Override
    public synchronized CompletionStage<List<FileInfo>> next(int max) {
        List<FileInfo> batch = new ArrayList<>();
        while (batch.size() < max && !entries.isEmpty()) {
            batch.add(entries.poll());
        }
        return CompletableFuture.completedFuture(batch);
    }

    @Override
    public synchronized void close() {
        entries.clear();
    }
}
