package org.gantry.core.internal.format;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.gantry.dsi.api.FileInfo;
import org.gantry.dsi.api.Locality;

/**
 * MLST/MLSD fact lines (RFC 3659) with GCT's fact names and order, e.g.
 * {@code Type=file;Modify=20261122135547;Size=1048576;Perm=awr;UNIX.mode=0644;...; name}.
 * Files of a staging back-end also get {@value #LOCALITY} (ONLINE, NEARLINE, ...), read from
 * the stat or listing entry, so a listing never starts a stage. It is in the default set (and
 * so starred in FEAT, which RFC 3659 7.8 says marks the facts currently returned), because
 * clients polling a tape mount should see it without an OPTS MLST; other back-ends never show
 * it, as RFC 3659 lets a server leave out a fact that does not apply to an entry.
 */
public final class MlstFacts {

    /** Where a staging back-end's file is (its {@link Locality}). */
    public static final String LOCALITY = "X.locality";

    /** Every fact this server can report, in output order. */
    public static final List<String> SUPPORTED = List.of("Type", "Modify", "Size", "Perm", "UNIX.mode",
            "UNIX.owner", "UNIX.uid", "UNIX.group", "UNIX.gid", "Unique", LOCALITY);

    /** The order of the FEAT line, which is GCT's, then the facts GCT does not have. */
    private static final List<String> FEAT_ORDER = List.of("Type", "Size", "Modify", "Perm", "UNIX.mode",
            "UNIX.owner", "UNIX.uid", "UNIX.group", "UNIX.gid", "Unique", LOCALITY);

    private MlstFacts() {
    }

    /** The FEAT line, with {@code *} on the facts currently enabled. */
    public static String featLine(Set<String> enabled) {
        StringBuilder sb = new StringBuilder("MLST ");
        for (String fact : FEAT_ORDER) {
            sb.append(fact).append(enabled.contains(fact) ? "*" : "").append(';');
        }
        return sb.toString();
    }

    /** The known facts named in an {@code OPTS MLST} argument, in canonical spelling. */
    public static Set<String> select(String requested) {
        Set<String> chosen = new LinkedHashSet<>();
        for (String token : requested.split(";")) {
            String t = token.trim().toLowerCase(Locale.ROOT);
            SUPPORTED.stream().filter(f -> f.toLowerCase(Locale.ROOT).equals(t)).forEach(chosen::add);
        }
        List<String> ordered = new ArrayList<>(SUPPORTED);
        ordered.retainAll(chosen);
        return new LinkedHashSet<>(ordered);
    }

    /**
     * The enabled facts that apply to a back-end: {@value #LOCALITY} only where it stages.
     */
    public static Set<String> forBackEnd(Set<String> enabled, boolean staging) {
        if (staging || !enabled.contains(LOCALITY)) {
            return enabled;
        }
        Set<String> applicable = new LinkedHashSet<>(enabled);
        applicable.remove(LOCALITY);
        return applicable;
    }

    /**
     * The facts of one entry followed by a space and {@code name}.
     *
     * @param type     the Type value ({@code file}, {@code dir}, {@code cdir}, {@code pdir}, ...)
     * @param readOnly whether the user may change nothing (drops write permissions)
     */
    public static String line(FileInfo info, String type, String name, Set<String> enabled, boolean readOnly) {
        StringBuilder sb = new StringBuilder(160);
        for (String fact : SUPPORTED) {
            if (!enabled.contains(fact)) {
                continue;
            }
            String value = value(fact, info, type, readOnly);
            if (value != null) {
                sb.append(fact).append('=').append(value).append(';');
            }
        }
        return sb.append(' ').append(name).toString();
    }

    /** The Type fact for an entry in a listing. */
    public static String typeOf(FileInfo info) {
        return switch (info.type()) {
            case FILE -> "file";
            case DIRECTORY -> "dir";
            case SYMLINK -> "slink";
            case OTHER -> "OS.unix=other";
        };
    }

    private static String value(String fact, FileInfo info, String type, boolean readOnly) {
        return switch (fact) {
            case "Type" -> type;
            case "Modify" -> FtpTime.format(info.modified());
            case "Size" -> Long.toString(info.size());
            case "Perm" -> perm(info, readOnly);
            case "UNIX.mode" -> info.mode() < 0 ? null : String.format("%04o", info.mode() & 07777);
            case "UNIX.owner" -> info.owner().orElse(null);
            case "UNIX.uid" -> info.uid() < 0 ? null : Long.toString(info.uid());
            case "UNIX.group" -> info.group().orElse(null);
            case "UNIX.gid" -> info.gid() < 0 ? null : Long.toString(info.gid());
            case "Unique" -> info.uniqueId().orElse(null);
            case LOCALITY -> info.isFile() && info.locality() != Locality.NONE ? info.locality().name() : null;
            default -> null;
        };
    }

    /** RFC 3659 permission letters from the owner bits, in GCT's order ({@code awr}, {@code cfmpel}). */
    static String perm(FileInfo info, boolean readOnly) {
        int mode = info.mode();
        boolean r = mode < 0 || (mode & 0400) != 0;
        boolean w = !readOnly && (mode < 0 || (mode & 0200) != 0);
        boolean x = mode < 0 || (mode & 0100) != 0;
        if (info.isDirectory()) {
            return (w ? "cfmp" : "") + (x ? "e" : "") + (r ? "l" : "");
        }
        return (w ? "aw" : "") + (r ? "r" : "");
    }
}
