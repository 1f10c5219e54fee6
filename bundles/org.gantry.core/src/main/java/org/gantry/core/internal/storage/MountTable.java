package org.gantry.core.internal.storage;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.gantry.core.admin.Mount;
import org.gantry.core.admin.ServerSettings;

/** An immutable mount table: longest-prefix match of server paths onto DSI instance names. */
public final class MountTable {

    private final List<Mount> mounts;

    private MountTable(List<Mount> mounts) {
        this.mounts = List.copyOf(mounts);
    }

    /** A table of these mounts (later entries for the same path win); {@code /} is always mounted. */
    public static MountTable of(List<Mount> entries) {
        Map<String, Mount> byPath = new LinkedHashMap<>();
        for (Mount m : entries) {
            byPath.put(m.path(), m);
        }
        byPath.putIfAbsent("/", new Mount("/", ServerSettings.DEFAULT_DSI, Optional.empty()));
        List<Mount> sorted = new ArrayList<>(byPath.values());
        sorted.sort(Comparator.comparingInt((Mount m) -> m.path().length()).reversed()
                .thenComparing(Mount::path));
        return new MountTable(sorted);
    }

    /** Parses {@code PATH=DSI-NAME[|FALLBACK]} entries. */
    public static MountTable parse(String... entries) {
        List<Mount> list = new ArrayList<>();
        for (String entry : entries) {
            if (entry != null && !entry.isBlank()) {
                list.add(Mount.parse(entry.trim()));
            }
        }
        return of(list);
    }

    /** The mounts, longest path first. */
    public List<Mount> mounts() {
        return mounts;
    }

    /** The mount serving a normalised absolute server path (never empty: {@code /} matches all). */
    public Mount mountFor(String serverPath) {
        for (Mount m : mounts) {
            if (covers(m.path(), serverPath)) {
                return m;
            }
        }
        throw new IllegalStateException("no root mount");
    }

    /** The path inside the mounted DSI: the server path with the mount prefix removed. */
    public static String dsiPath(Mount mount, String serverPath) {
        if (mount.path().equals("/")) {
            return serverPath;
        }
        String rest = serverPath.substring(mount.path().length());
        return rest.isEmpty() ? "/" : rest;
    }

    static boolean covers(String mountPath, String serverPath) {
        if (mountPath.equals("/")) {
            return true;
        }
        return serverPath.equals(mountPath)
                || serverPath.startsWith(mountPath) && serverPath.charAt(mountPath.length()) == '/';
    }
}
