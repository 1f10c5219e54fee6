package org.gantry.dsi.tape.admin;

import java.util.List;

import org.osgi.annotation.versioning.ProviderType;

/**
 * One tape DSI instance, for operators. Paths are in the DSI's own namespace (as the catalogue
 * stores them, without the mount prefix). Failures are {@link IllegalArgumentException}s whose
 * message says what is wrong, for the shell to print.
 */
@ProviderType
public interface TapeAdmin {

    /** The DSI instance's name ({@code gantry.dsi.name}). */
    String name();

    /** Drives, cartridges, queues with ages, counters and the disk cache, as of now. */
    TapeOverview overview();

    /** A file's state; never starts a recall. */
    FileState file(String path);

    /** Starts (or joins) the recall of a file on tape only, as {@code requester}. */
    FileState stage(String path, String requester);

    /** Drops a file's disk copy; only files with a tape copy that nobody is reading. */
    FileState evict(String path);

    /** Marks a file LOST (or clears the mark). */
    FileState setLost(String path, boolean lost);

    /** Marks a file UNAVAILABLE (or clears the mark). */
    FileState setUnavailable(String path, boolean unavailable);

    /** Active injected faults, one line each. */
    List<String> faults();

    /**
     * Injects a fault: {@code mount-failure [CARTRIDGE|*]}, {@code disabled CARTRIDGE},
     * {@code drive-down N}, {@code no-location}, {@code stuck-flush}, {@code checksum-mismatch}.
     */
    void inject(String fault);

    /** Removes every injected fault. */
    void clearFaults();
}
