package org.gantry.dsi.tape.admin;

import java.util.Map;
import java.util.Optional;

/**
 * A file as the catalogue and the queues see it.
 *
 * @param path         the file's path in the DSI
 * @param locality     ONLINE, NEARLINE, ONLINE_AND_NEARLINE, LOST or UNAVAILABLE
 * @param size         bytes
 * @param onDisk       a copy is on the disk cache
 * @param tapeLocation {@code cartridge:offset:length} once flushed
 * @param family       the file family it is flushed with
 * @param recallQueued a recall is pending
 * @param checksums    values recorded with the file, by algorithm
 */
public record FileState(String path, String locality, long size, boolean onDisk, Optional<String> tapeLocation,
        String family, boolean recallQueued, Map<String, String> checksums) {

    public FileState {
        checksums = Map.copyOf(checksums);
    }
}
