package org.gantry.dsi.memory.internal;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.gantry.dsi.api.DsiException;
import org.gantry.dsi.api.NoSpaceException;
import org.gantry.dsi.api.WriteRequest;

/** Starts uploads and tracks the unfinished ones, so stopping the DSI returns their bytes. */
final class MemoryUploads {

    private final MemoryTree tree;
    private final SpaceAccount space;
    private final MemoryChecksums checksums;
    private final Set<MemoryWriter> active = ConcurrentHashMap.newKeySet();

    MemoryUploads(MemoryTree tree, SpaceAccount space, MemoryChecksums checksums) {
        this.tree = tree;
        this.space = space;
        this.checksums = checksums;
    }

    MemoryWriter open(List<String> names, String dsiPath, WriteRequest request, String owner) throws DsiException {
        Node.File existing = tree.uploadTarget(names);
        boolean keepExisting = !request.truncate() && existing != null;
        long initialSize = keepExisting ? existing.size() : 0;
        // Old and new content coexist until commit, so a kept copy is charged again.
        long reservation = Math.max(initialSize, Math.max(0, request.allocationSize()));
        if (!space.tryReserve(reservation)) {
            throw new NoSpaceException(dsiPath + ": " + reservation + " bytes do not fit into the "
                    + space.available() + " bytes left");
        }
        ChunkedContent content = keepExisting ? existing.content.copy() : new ChunkedContent();
        MemoryWriter writer = new MemoryWriter(tree, space, checksums, names, dsiPath, request, owner, content,
                reservation, active::remove);
        active.add(writer);
        return writer;
    }

    /** Aborts every unfinished upload. */
    void abortAll() {
        for (MemoryWriter writer : Set.copyOf(active)) {
            writer.abort(new IllegalStateException("the memory DSI is stopping"));
        }
    }
}
