package org.gantry.dsi.memory.internal;

import java.util.ArrayList;
import java.util.List;

import org.gantry.dsi.api.InvalidPathException;

/** Splits DSI paths into names, refusing anything that is not absolute and normalised. */
final class PathNames {

    private PathNames() {
    }

    /** The names of {@code path}; {@code /} gives none. */
    static List<String> parse(String path) throws InvalidPathException {
        if (path == null || !path.startsWith("/")) {
            throw new InvalidPathException("not an absolute path: " + path);
        }
        if (path.indexOf('\0') >= 0) {
            throw new InvalidPathException("path contains a NUL byte");
        }
        List<String> names = new ArrayList<>();
        for (String name : path.split("/")) {
            if (name.isEmpty()) {
                continue;
            }
            if (name.equals(".") || name.equals("..")) {
                throw new InvalidPathException(path + ": '.' and '..' are not allowed");
            }
            names.add(name);
        }
        return List.copyOf(names);
    }

    /** The last name, or {@code /} for the root. */
    static String nameOf(List<String> names) {
        return names.isEmpty() ? "/" : names.get(names.size() - 1);
    }

    static List<String> parent(List<String> names) {
        return names.subList(0, names.size() - 1);
    }
}
