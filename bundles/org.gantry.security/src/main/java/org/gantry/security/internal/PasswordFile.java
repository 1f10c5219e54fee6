package org.gantry.security.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The user database, read from a {@link PasswordEntry} line file and re-read whenever its
 * modification time or size changes, so users added by the launcher count without a restart.
 *
 * <p>Bad lines are skipped with a warning naming the line number and the reason, never the line
 * itself (it may hold a password typed by mistake). A missing or unreadable file means no users.
 */
final class PasswordFile {

    private static final Logger LOG = LoggerFactory.getLogger(PasswordFile.class);

    /** Matches no real file state, so the first lookup always loads (and warns if missing). */
    private static final Snapshot NOT_LOADED =
            new Snapshot(new Stamp(FileTime.fromMillis(Long.MIN_VALUE), -1), Map.of());

    private final Path path;
    private volatile Snapshot current = NOT_LOADED;

    PasswordFile(Path path) {
        this.path = path;
    }

    Path path() {
        return path;
    }

    /** The entry for {@code name}, after re-reading the file if it changed. */
    Optional<PasswordEntry> lookup(String name) {
        refreshIfChanged();
        return Optional.ofNullable(current.entries().get(name));
    }

    /** Number of accepted entries (after re-reading if changed). */
    int size() {
        refreshIfChanged();
        return current.entries().size();
    }

    void refreshIfChanged() {
        Stamp stamp = stamp();
        if (Objects.equals(stamp, current.stamp())) {
            return;
        }
        synchronized (this) {
            // Another caller may have reloaded while we waited.
            if (!Objects.equals(stamp, current.stamp())) {
                current = load(stamp);
            }
        }
    }

    private Snapshot load(Stamp stamp) {
        if (stamp == null) {
            LOG.warn("Password file {} does not exist or cannot be read; no password logins possible",
                    path);
            return new Snapshot(null, Map.of());
        }
        List<String> lines;
        try {
            lines = Files.readAllLines(path, StandardCharsets.UTF_8);
        } catch (IOException e) {
            LOG.warn("Cannot read password file {}: {}; no password logins possible", path, e.toString());
            return new Snapshot(stamp, Map.of());
        }
        Map<String, PasswordEntry> entries = new HashMap<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (PasswordEntry.isIgnorable(line)) {
                continue;
            }
            try {
                PasswordEntry entry = PasswordEntry.parse(line);
                if (entries.putIfAbsent(entry.name(), entry) != null) {
                    LOG.warn("{} line {}: duplicate user '{}' ignored, the first line counts", path, i + 1,
                            entry.name());
                }
            } catch (IllegalArgumentException e) {
                LOG.warn("{} line {} rejected: {}", path, i + 1, e.getMessage());
            }
        }
        LOG.info("Loaded {} user(s) from {}", entries.size(), path);
        return new Snapshot(stamp, Map.copyOf(entries));
    }

    private Stamp stamp() {
        try {
            BasicFileAttributes attrs = Files.readAttributes(path, BasicFileAttributes.class);
            return new Stamp(attrs.lastModifiedTime(), attrs.size());
        } catch (IOException e) {
            return null; // missing or unreadable: both mean "no users"
        }
    }

    /** What we compare to notice a change: cheap, and size catches same-tick rewrites. */
    private record Stamp(FileTime modified, long size) {
    }

    private record Snapshot(Stamp stamp, Map<String, PasswordEntry> entries) {
    }
}
