package org.gantry.dsi.tape.internal.library;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** Forces a directory's entries to disk, so that a rename into it survives a crash. */
final class DirectorySync {

    private DirectorySync() {
    }

    static void sync(Path directory) {
        try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException e) {
            // Some file systems cannot open or force a directory; the rename itself is still atomic.
        }
    }
}
