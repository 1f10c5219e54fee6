package org.gantry.dsi.tape.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionStage;

import org.gantry.dsi.api.DirectoryListing;
import org.gantry.dsi.api.FileInfo;
import org.gantry.dsi.tape.internal.catalogue.CatalogueEntry;

/** A directory of the catalogue, read in name order a batch at a time. */
final class CatalogueListing implements DirectoryListing {

    private final TapeStore store;
    private final long directory;
    private String after;

    CatalogueListing(TapeStore store, long directory) {
        this.store = store;
        this.directory = directory;
    }

    @Override
    public CompletionStage<List<FileInfo>> next(int max) {
        return store.background().run(() -> {
            List<FileInfo> batch = new ArrayList<>();
            for (CatalogueEntry e : store.catalogue().children(directory, after, max)) {
                batch.add(TapeSession.describe(e));
                after = e.name();
            }
            return batch;
        });
    }

    @Override
    public void close() {
        // nothing held between batches
    }
}
