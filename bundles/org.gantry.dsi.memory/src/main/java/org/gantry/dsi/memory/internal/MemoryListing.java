package org.gantry.dsi.memory.internal;

import java.util.List;
import java.util.concurrent.CompletionStage;

import org.gantry.dsi.api.DirectoryListing;
import org.gantry.dsi.api.DsiException;
import org.gantry.dsi.api.FileInfo;

/**
 * A listing that remembers only the last name it returned and resumes after it, so no copy of
 * the directory is made; entries added or removed meanwhile show up or vanish as in readdir.
 */
final class MemoryListing implements DirectoryListing {

    private final MemoryTree tree;
    private final Node.Directory directory;
    private String lastName;
    private boolean closed;

    MemoryListing(MemoryTree tree, Node.Directory directory) {
        this.tree = tree;
        this.directory = directory;
    }

    @Override
    public synchronized CompletionStage<List<FileInfo>> next(int max) {
        return Stages.run(() -> {
            if (max <= 0) {
                throw new DsiException("batch size must be positive: " + max);
            }
            if (closed) {
                return List.of();
            }
            List<FileInfo> batch = tree.entriesAfter(directory, lastName, max);
            if (!batch.isEmpty()) {
                lastName = batch.get(batch.size() - 1).name();
            }
            return batch;
        });
    }

    @Override
    public synchronized void close() {
        closed = true;
    }
}
