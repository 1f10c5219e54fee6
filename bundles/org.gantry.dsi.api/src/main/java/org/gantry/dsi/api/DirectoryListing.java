package org.gantry.dsi.api;

import java.util.List;
import java.util.concurrent.CompletionStage;

import org.osgi.annotation.versioning.ConsumerType;

/** A directory listing pulled in batches; close it when done, also when stopping early. */
@ConsumerType
public interface DirectoryListing extends AutoCloseable {

    /** The next at most {@code max} entries; an empty list means the listing is exhausted. */
    CompletionStage<List<FileInfo>> next(int max);

    @Override
    void close();
}
