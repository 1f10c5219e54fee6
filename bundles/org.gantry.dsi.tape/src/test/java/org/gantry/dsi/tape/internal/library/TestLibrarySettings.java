package org.gantry.dsi.tape.internal.library;

import java.time.Duration;

/** Settings for tests, fast by default (time scale 1e-4: a one-minute mount takes 6 ms). */
final class TestLibrarySettings {

    int drives = 2;
    int cartridges = 10;
    long capacity = 1 << 20;
    double timeScale = 1e-4;
    Duration mountTime = Duration.ofSeconds(60);
    Duration fullSeekTime = Duration.ofSeconds(60);
    long readRate = 250_000_000L;
    long writeRate = 250_000_000L;
    Duration unmountTime = Duration.ofSeconds(60);
    Duration idleUnmountAfter = Duration.ofSeconds(60);
    Duration flushMinAge = Duration.ofSeconds(600);
    long flushBatchBytes = 1L << 40;
    int flushBatchFiles = 100;
    Duration recallMinAge = Duration.ofSeconds(0);
    int recallSameTapeLimit = 10;
    Duration flushWatchdog = Duration.ofSeconds(3600);

    LibrarySettings build() {
        return new LibrarySettings(drives, cartridges, capacity, timeScale, mountTime, fullSeekTime, readRate, writeRate,
                unmountTime, idleUnmountAfter, flushMinAge, flushBatchBytes, flushBatchFiles, recallMinAge,
                recallSameTapeLimit, flushWatchdog);
    }
}
