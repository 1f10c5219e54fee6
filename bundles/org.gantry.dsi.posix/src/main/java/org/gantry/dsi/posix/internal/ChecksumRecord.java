package org.gantry.dsi.posix.internal;

import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import org.gantry.dsi.api.Checksum;

/**
 * The checksums stored with one file, and the {@link FileStamp} of the content they describe.
 * Stored as one line of text: {@code gantry-checksums/1 size=N mtime=N [inode=K] ALG=hex ...}.
 * The inode is kept where the record lives apart from the file (sidecar), so that a record
 * left behind by a file replaced outside the server never matches the new one.
 *
 * @param stamp  the content the values belong to
 * @param inode  whether the inode is part of the check
 * @param values hex values by wire token
 */
record ChecksumRecord(FileStamp stamp, boolean inode, Map<String, String> values) {

    private static final String MAGIC = "gantry-checksums/1";

    ChecksumRecord {
        values = Map.copyOf(values);
    }

    /** Whether the values still describe a file that now has {@code current}. */
    boolean validFor(FileStamp current) {
        return stamp.size() == current.size() && stamp.mtime() == current.mtime()
                && (!inode || stamp.inode().equals(current.inode()));
    }

    Optional<String> value(String token) {
        return Optional.ofNullable(values.get(token));
    }

    /** This record with one more value. */
    ChecksumRecord with(String token, String value) {
        Map<String, String> more = new TreeMap<>(values);
        more.put(token, value);
        return new ChecksumRecord(stamp, inode, more);
    }

    /** A record of {@code checksums} for content with {@code stamp}. */
    static ChecksumRecord of(FileStamp stamp, boolean inode, Iterable<Checksum> checksums) {
        Map<String, String> values = new TreeMap<>();
        checksums.forEach(c -> values.put(c.algorithm(), c.value()));
        return new ChecksumRecord(stamp, inode, values);
    }

    String format() {
        StringBuilder text = new StringBuilder(MAGIC).append(" size=").append(stamp.size())
                .append(" mtime=").append(stamp.mtime());
        if (inode) {
            text.append(" inode=").append(stamp.inode());
        }
        new TreeMap<>(values).forEach((token, value) -> text.append(' ').append(token).append('=').append(value));
        return text.toString();
    }

    /** The record in {@code text}, or empty if it is not one this version wrote. */
    static Optional<ChecksumRecord> parse(String text) {
        String[] fields = text.strip().split(" ");
        if (fields.length < 3 || !fields[0].equals(MAGIC)) {
            return Optional.empty();
        }
        Map<String, String> all = new TreeMap<>();
        for (int i = 1; i < fields.length; i++) {
            int eq = fields[i].indexOf('=');
            if (eq <= 0) {
                return Optional.empty();
            }
            all.put(fields[i].substring(0, eq), fields[i].substring(eq + 1));
        }
        try {
            long size = Long.parseLong(all.remove("size"));
            long mtime = Long.parseLong(all.remove("mtime"));
            String key = all.remove("inode");
            return Optional.of(new ChecksumRecord(new FileStamp(size, mtime, key == null ? "" : key), key != null, all));
        } catch (NumberFormatException | NullPointerException malformed) {
            return Optional.empty();
        }
    }
}
