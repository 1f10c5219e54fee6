package org.gantry.dsi.tape.internal;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.gantry.dsi.tape.internal.cache.CacheSettings;
import org.gantry.dsi.tape.internal.library.Fault;
import org.gantry.dsi.tape.internal.library.Faults;
import org.gantry.dsi.tape.internal.library.LibrarySettings;

/** Turns a {@link TapeConfig} into checked settings, naming the offending key on any error. */
final class TapeConfigReader {

    private static final long MIB = 1024L * 1024;

    private final TapeConfig config;
    private final String name;

    TapeConfigReader(TapeConfig config) {
        this.config = config;
        this.name = config.name() == null ? "" : config.name().trim();
        if (name.isEmpty()) {
            throw invalid("name", "must not be empty");
        }
        if (config.root() == null || config.root().isBlank()) {
            throw invalid("root", "must be configured");
        }
        if (config.ioThreads() < 1) {
            throw invalid("ioThreads", "must be at least 1");
        }
    }

    String name() {
        return name;
    }

    String root() {
        return config.root().trim();
    }

    CacheSettings cache() {
        if (config.cacheMiB() < 1 || config.lowWatermarkPercent() < 0
                || config.lowWatermarkPercent() > config.highWatermarkPercent() || config.highWatermarkPercent() > 100) {
            throw invalid("cacheMiB/highWatermarkPercent/lowWatermarkPercent",
                    "need a capacity and 0 <= low <= high <= 100");
        }
        return CacheSettings.of(config.cacheMiB() * MIB, config.highWatermarkPercent() / 100.0,
                config.lowWatermarkPercent() / 100.0);
    }

    LibrarySettings library() {
        try {
            return new LibrarySettings(config.drives(), config.cartridges(), config.cartridgeMiB() * MIB,
                    config.timeScale(), seconds(config.mountSeconds()), seconds(config.fullSeekSeconds()),
                    config.readMiBPerSecond() * MIB, config.writeMiBPerSecond() * MIB,
                    seconds(config.unmountSeconds()), seconds(config.idleUnmountSeconds()),
                    seconds(config.flushMinAgeSeconds()), config.flushBatchMiB() * MIB, config.flushBatchFiles(),
                    seconds(config.recallMinAgeSeconds()), config.recallSameTapeLimit(),
                    seconds(config.flushWatchdogSeconds()));
        } catch (IllegalArgumentException e) {
            throw invalid("library", e.getMessage());
        }
    }

    TapePolicy policy() {
        String read = config.nearlineRead() == null ? "" : config.nearlineRead().trim();
        if (!read.equals("wait") && !read.equals("refuse")) {
            throw invalid("nearlineRead", "must be 'wait' or 'refuse', not '" + read + "'");
        }
        Map<String, String> families = pairs("families", config.families());
        families.forEach((path, family) -> {
            if (!path.startsWith("/")) {
                throw invalid("families", "paths must be absolute: " + path);
            }
        });
        Map<String, Integer> priorities = new HashMap<>();
        pairs("priorities", config.priorities()).forEach((user, value) -> {
            try {
                priorities.put(user, Integer.parseInt(value));
            } catch (NumberFormatException e) {
                throw invalid("priorities", "not a number for " + user + ": " + value);
            }
        });
        try {
            // The flush retry is part of the library's mechanics, so it is simulated time.
            Duration flushRetry = seconds(config.flushRetrySeconds() * config.timeScale());
            return new TapePolicy(families, read.equals("wait"), Duration.ofSeconds(config.recallWaitSeconds()),
                    List.of(config.stagers() == null ? new String[0] : config.stagers()), priorities,
                    Duration.ofSeconds(config.pinSeconds()), flushRetry, octal("fileMode", config.fileMode()),
                    octal("directoryMode", config.directoryMode()));
        } catch (IllegalArgumentException e) {
            throw invalid("stagers", e.getMessage());
        }
    }

    /** The faults to inject from the start. */
    Faults faults() {
        Faults faults = new Faults();
        for (String fault : config.faults() == null ? new String[0] : config.faults()) {
            try {
                faults.inject(Fault.parse(fault));
            } catch (IllegalArgumentException e) {
                throw invalid("faults", e.getMessage());
            }
        }
        return faults;
    }

    private Map<String, String> pairs(String key, String[] entries) {
        Map<String, String> pairs = new HashMap<>();
        for (String entry : entries == null ? new String[0] : entries) {
            int eq = entry.indexOf('=');
            if (eq <= 0 || eq == entry.length() - 1) {
                throw invalid(key, "entries must be KEY=VALUE: " + entry);
            }
            pairs.put(entry.substring(0, eq).trim(), entry.substring(eq + 1).trim());
        }
        return pairs;
    }

    private int octal(String key, String value) {
        try {
            int mode = Integer.parseInt(value.trim(), 8);
            if (mode < 0 || mode > 07777) {
                throw new NumberFormatException();
            }
            return mode;
        } catch (NumberFormatException | NullPointerException e) {
            throw invalid(key, "not an octal mode: " + value);
        }
    }

    private static Duration seconds(double seconds) {
        if (seconds < 0 || Double.isNaN(seconds)) {
            throw new IllegalArgumentException("negative time: " + seconds);
        }
        return Duration.ofNanos((long) (seconds * 1e9));
    }

    private IllegalArgumentException invalid(String key, String problem) {
        return new IllegalArgumentException(TapeDsiComponent.PID + " '" + name + "': '" + key + "' " + problem);
    }
}
