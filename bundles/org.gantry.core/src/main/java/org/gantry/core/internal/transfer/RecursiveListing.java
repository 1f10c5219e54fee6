package org.gantry.core.internal.transfer;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import org.gantry.dsi.api.DirectoryListing;
import org.gantry.dsi.api.DsiSession;
import org.gantry.dsi.api.FileInfo;

/**
 * MLSR: a directory tree as one listing, entries named by their path below the listed
 * directory. One directory is open at a time and subdirectories wait as paths, so memory grows
 * with the tree's breadth in names, not its size. Symbolic links are listed, not followed, so
 * a link cannot make the walk loop.
 */
public final class RecursiveListing implements DirectoryListing {

    private final DsiSession storage;
    private final Deque<String[]> pending = new ArrayDeque<>();
    private DirectoryListing current;
    private String currentPrefix = "";
    private String currentDsiPath;

    /** @param dsiPath the directory to walk; entries are named relative to it */
    public RecursiveListing(DsiSession storage, String dsiPath) {
        this.storage = storage;
        this.pending.add(new String[] {dsiPath, ""});
    }

    @Override
    public synchronized CompletionStage<List<FileInfo>> next(int max) {
        if (current == null) {
            String[] next = pending.poll();
            if (next == null) {
                return CompletableFuture.completedFuture(List.of());
            }
            currentDsiPath = next[0];
            currentPrefix = next[1];
            return storage.list(currentDsiPath).thenCompose(listing -> {
                synchronized (this) {
                    current = listing;
                }
                return next(max);
            });
        }
        return current.next(max).thenCompose(batch -> {
            synchronized (this) {
                if (batch.isEmpty()) {
                    current.close();
                    current = null;
                    return next(max);
                }
                List<FileInfo> named = new ArrayList<>(batch.size());
                for (FileInfo info : batch) {
                    String relative = currentPrefix + info.name();
                    if (info.isDirectory()) {
                        pending.add(new String[] {child(currentDsiPath, info.name()), relative + "/"});
                    }
                    named.add(renamed(info, relative));
                }
                return CompletableFuture.completedFuture(named);
            }
        });
    }

    private static String child(String dir, String name) {
        return dir.endsWith("/") ? dir + name : dir + "/" + name;
    }

    private static FileInfo renamed(FileInfo i, String name) {
        return new FileInfo(name, i.type(), i.size(), i.modified(), i.created(), i.mode(), i.owner(), i.group(),
                i.uid(), i.gid(), i.linkCount(), i.linkTarget(), i.uniqueId(), i.checksums(), i.locality());
    }

    @Override
    public synchronized void close() {
        if (current != null) {
            current.close();
            current = null;
        }
        pending.clear();
    }
}
