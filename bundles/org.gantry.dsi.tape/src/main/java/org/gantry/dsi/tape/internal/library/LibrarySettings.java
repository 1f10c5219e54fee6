package org.gantry.dsi.tape.internal.library;

import java.time.Duration;

/**
 * The simulated library's shape and timings. Durations are simulated time; {@code timeScale}
 * turns them into real time (0.001 makes a 2-minute mount take 120 ms), so tests and demos see
 * realistic behaviour quickly.
 *
 * @param drives             drives shared by flushes and recalls
 * @param cartridges         cartridges in the library, labelled {@code T00000} upwards
 * @param cartridgeCapacity  bytes one cartridge holds
 * @param timeScale          real seconds per simulated second, greater than 0
 * @param mountTime          robot fetch and load of a cartridge
 * @param fullSeekTime       a seek across the whole cartridge; shorter seeks take their share
 * @param readRate           bytes per simulated second once positioned
 * @param writeRate          bytes per simulated second
 * @param unmountTime        rewind, unload and put back
 * @param idleUnmountAfter   a mounted cartridge without work stays mounted this long for late requests
 * @param flushMinAge        a family's flush waits until its oldest file is this old ...
 * @param flushBatchBytes    ... or its queued files reach this many bytes ...
 * @param flushBatchFiles    ... or this many files
 * @param recallMinAge       a cartridge is mounted for recalls once its oldest request is this old
 *                           (requests arriving meanwhile join the same mount)
 * @param recallSameTapeLimit how many further requests for the mounted cartridge may be served in
 *                           one mount while requests for other cartridges wait (starvation bound)
 * @param flushWatchdog      a flush of one file that takes longer than this fails
 */
public record LibrarySettings(
        int drives,
        int cartridges,
        long cartridgeCapacity,
        double timeScale,
        Duration mountTime,
        Duration fullSeekTime,
        long readRate,
        long writeRate,
        Duration unmountTime,
        Duration idleUnmountAfter,
        Duration flushMinAge,
        long flushBatchBytes,
        int flushBatchFiles,
        Duration recallMinAge,
        int recallSameTapeLimit,
        Duration flushWatchdog) {

    public LibrarySettings {
        if (drives < 1 || cartridges < 1 || cartridgeCapacity < 1 || !(timeScale > 0) || readRate < 1
                || writeRate < 1 || flushBatchBytes < 1 || flushBatchFiles < 1 || recallSameTapeLimit < 0) {
            throw new IllegalArgumentException("invalid tape library settings: " + drives + " drives, "
                    + cartridges + " cartridges of " + cartridgeCapacity + " bytes, time scale " + timeScale
                    + ", rates " + readRate + "/" + writeRate + ", batch " + flushBatchBytes + " bytes/"
                    + flushBatchFiles + " files, same-tape limit " + recallSameTapeLimit);
        }
    }
}
