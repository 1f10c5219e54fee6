package org.gantry.dsi.tape.internal.library;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * A snapshot of the library for the shell and metrics. Ages are simulated time, comparable with
 * the configured timings.
 */
public record LibraryStatus(List<Drive> drives, List<Cartridge> cartridges, List<QueuedFlush> flushes,
        List<QueuedRecall> recalls, Counters counters) {

    public enum DriveState { IDLE, MOUNTING, SEEKING, READING, WRITING, UNMOUNTING, DOWN }

    /** @param cartridge the cartridge in the drive (or being mounted/unmounted), null if empty */
    public record Drive(int number, DriveState state, String cartridge, Instant since) {
    }

    /** @param family null while the cartridge is empty and unassigned */
    public record Cartridge(String label, String family, long usedBytes, long capacity, boolean disabled, boolean mounted) {
    }

    public record QueuedFlush(long fileId, String family, long size, Duration age) {
    }

    public record QueuedRecall(long fileId, String cartridge, String requester, int priority, Duration age) {
    }

    public record Counters(long mounts, long mountFailures, long unmounts, long filesFlushed, long bytesFlushed,
            long filesRecalled, long bytesRecalled, long flushesFailed, long recallsFailed) {
    }
}
