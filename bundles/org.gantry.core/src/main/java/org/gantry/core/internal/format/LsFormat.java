package org.gantry.core.internal.format;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

import org.gantry.dsi.api.FileInfo;

/** {@code ls -l} style lines for LIST and STAT: {@code -rw-r--r--   1 owner group size Mon dd HH:MM name}. */
public final class LsFormat {

    private static final DateTimeFormatter RECENT =
            DateTimeFormatter.ofPattern("MMM dd HH:mm", Locale.ENGLISH).withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter OLD =
            DateTimeFormatter.ofPattern("MMM dd  yyyy", Locale.ENGLISH).withZone(ZoneOffset.UTC);
    private static final Duration HALF_YEAR = Duration.ofDays(182);

    private LsFormat() {
    }

    public static String line(FileInfo info, String name, Instant now) {
        Instant modified = info.modified();
        boolean recent = modified.isAfter(now.minus(HALF_YEAR)) && !modified.isAfter(now.plus(Duration.ofHours(1)));
        String date = (recent ? RECENT : OLD).format(modified);
        String owner = info.owner().orElse(info.uid() >= 0 ? Long.toString(info.uid()) : "nobody");
        String group = info.group().orElse(info.gid() >= 0 ? Long.toString(info.gid()) : "nogroup");
        String target = info.linkTarget().map(t -> " -> " + t).orElse("");
        return String.format(Locale.ROOT, "%s %4d %-8s %-8s %12d %s %s%s", permissions(info),
                Math.max(1, info.linkCount()), owner, group, info.size(), date, name, target);
    }

    static String permissions(FileInfo info) {
        char kind = switch (info.type()) {
            case DIRECTORY -> 'd';
            case SYMLINK -> 'l';
            case FILE -> '-';
            case OTHER -> '?';
        };
        int mode = info.mode() >= 0 ? info.mode() : info.isDirectory() ? 0755 : 0644;
        StringBuilder sb = new StringBuilder(10).append(kind);
        String letters = "rwxrwxrwx";
        for (int i = 0; i < 9; i++) {
            sb.append((mode & (0400 >> i)) != 0 ? letters.charAt(i) : '-');
        }
        return sb.toString();
    }
}
