package org.gantry.dsi.tape.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * Configuration of one tape DSI instance. Times of the library's mechanics (mount, seek,
 * unmount, batching ages, flush retry) are simulated seconds, multiplied by {@link #timeScale};
 * times clients see (how long a RETR waits, pin lifetime) are real seconds.
 */
@ObjectClassDefinition(name = "Gantry tape-HSM simulator DSI",
        description = "A disk cache in front of a simulated tape library; one configuration per instance.")
public @interface TapeConfig {

    @AttributeDefinition(name = "Name", description = "Instance name that mounts refer to (gantry.dsi.name).")
    String name() default "tape";

    @AttributeDefinition(name = "Base directory",
            description = "Holds catalogue/, cache/ (the disk cache) and library/ (one file per cartridge).")
    String root();

    @AttributeDefinition(name = "Disk cache capacity (MiB)", min = "1")
    long cacheMiB() default 10240;

    @AttributeDefinition(name = "High watermark (%)", min = "1", max = "100",
            description = "Above this use, copies already on tape are evicted, least recently used first ...")
    int highWatermarkPercent() default 90;

    @AttributeDefinition(name = "Low watermark (%)", min = "0", max = "100", description = "... down to this.")
    int lowWatermarkPercent() default 70;

    @AttributeDefinition(name = "Drives", min = "1")
    int drives() default 2;

    @AttributeDefinition(name = "Cartridges", min = "1")
    int cartridges() default 20;

    @AttributeDefinition(name = "Cartridge capacity (MiB)", min = "1")
    long cartridgeMiB() default 102400;

    @AttributeDefinition(name = "Time scale",
            description = "Real seconds per simulated second: 1 is real time, 0.001 makes a 60 s mount take 60 ms.")
    double timeScale() default 1.0;

    @AttributeDefinition(name = "Mount time (s)")
    double mountSeconds() default 60;

    @AttributeDefinition(name = "Full-length seek time (s)", description = "Shorter seeks take their share.")
    double fullSeekSeconds() default 60;

    @AttributeDefinition(name = "Read rate (MiB/s)", min = "1")
    long readMiBPerSecond() default 250;

    @AttributeDefinition(name = "Write rate (MiB/s)", min = "1")
    long writeMiBPerSecond() default 250;

    @AttributeDefinition(name = "Unmount time (s)")
    double unmountSeconds() default 60;

    @AttributeDefinition(name = "Idle unmount after (s)",
            description = "A cartridge without work stays mounted this long for late requests.")
    double idleUnmountSeconds() default 120;

    @AttributeDefinition(name = "Flush minimum age (s)",
            description = "A family is flushed once its oldest file waited this long ...")
    double flushMinAgeSeconds() default 300;

    @AttributeDefinition(name = "Flush batch (MiB)", description = "... or this much data waits ...")
    long flushBatchMiB() default 10240;

    @AttributeDefinition(name = "Flush batch (files)", min = "1", description = "... or this many files.")
    int flushBatchFiles() default 1000;

    @AttributeDefinition(name = "Flush retry (s)", description = "A failed flush is queued again after this.")
    double flushRetrySeconds() default 600;

    @AttributeDefinition(name = "Flush watchdog (s)", description = "A flush of one file taking longer fails.")
    double flushWatchdogSeconds() default 14400;

    @AttributeDefinition(name = "Recall minimum age (s)",
            description = "A cartridge is mounted for recalls once its oldest request waited this long; "
                    + "requests arriving meanwhile share the mount.")
    double recallMinAgeSeconds() default 60;

    @AttributeDefinition(name = "Same-tape limit", min = "0",
            description = "How many late requests for a mounted cartridge may jump ahead of waiting ones.")
    int recallSameTapeLimit() default 200;

    @AttributeDefinition(name = "File families",
            description = "PATH=FAMILY: files below PATH are flushed with FAMILY (own cartridges); "
                    + "the longest matching path wins, others are in family 'default'.")
    String[] families() default {};

    @AttributeDefinition(name = "Nearline read",
            description = "What a RETR of a file on tape only does: 'wait' for its recall (up to the "
                    + "recall wait, with keep-alive markers) or 'refuse' at once with a transient 4xx.")
    String nearlineRead() default "wait";

    @AttributeDefinition(name = "Recall wait (s)", description = "The longest a RETR waits for a recall (real time).")
    long recallWaitSeconds() default 300;

    @AttributeDefinition(name = "Stagers",
            description = "USER:PATH rules of who may trigger recalls below PATH ('*' is any user). "
                    + "Others get a permanent 550.")
    String[] stagers() default { "*:/" };

    @AttributeDefinition(name = "Recall priorities", description = "USER=PRIORITY; higher first, default 0.")
    String[] priorities() default {};

    @AttributeDefinition(name = "Pin lifetime (s)",
            description = "A staged file stays on disk at least this long (real time).")
    long pinSeconds() default 3600;

    @AttributeDefinition(name = "File mode", description = "Octal permissions of new files.")
    String fileMode() default "0644";

    @AttributeDefinition(name = "Directory mode", description = "Octal permissions of new directories.")
    String directoryMode() default "0755";

    @AttributeDefinition(name = "Injected faults",
            description = "Failures to simulate from the start, one per entry: mount-failure [CARTRIDGE|*], "
                    + "disabled CARTRIDGE, drive-down N, no-location, stuck-flush, checksum-mismatch. "
                    + "The shell's gridftp:tape-fail adds and clears them at run time.")
    String[] faults() default {};

    @AttributeDefinition(name = "I/O threads", min = "1")
    int ioThreads() default 8;

    String webconsole_configurationFactory_nameHint() default "Tape DSI {name} at {root}";
}
