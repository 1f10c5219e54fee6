package org.gantry.shell.internal;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Dictionary;
import java.util.Enumeration;
import java.util.Hashtable;
import java.util.List;
import java.util.Optional;

import org.gantry.core.admin.Mount;
import org.gantry.core.admin.ServerSettings;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;

/**
 * Reads and changes the mount table in the server's configuration (PID
 * {@value ServerSettings#PID}, property {@value ServerSettings#MOUNTS}), so that changes are
 * persisted and picked up by the core like any other configuration change.
 *
 * <p>Every change is one read-modify-write of the whole list: other entries keep their order,
 * entries that do not parse are kept as they are (they are the operator's to fix), and the other
 * properties of the configuration are left alone. Without a configuration the table starts from
 * the server default {@code /=posix}.
 */
public final class MountTableEditor {

    /** The server's mount table when nothing is configured. */
    public static final List<String> DEFAULT_MOUNTS = List.of("/=" + ServerSettings.DEFAULT_DSI);

    /** Serialises edits from concurrent shell sessions; ConfigAdmin has no compare-and-set. */
    private static final Object LOCK = new Object();

    private final ConfigurationAdmin configAdmin;

    public MountTableEditor(ConfigurationAdmin configAdmin) {
        this.configAdmin = configAdmin;
    }

    /** The configured entries, {@code PATH=DSI-NAME[|FALLBACK]}, in configuration order. */
    public List<String> entries() throws IOException {
        return entries(configuration().getProperties());
    }

    /** The configured mount paths that parse. */
    public List<String> paths() throws IOException {
        List<String> paths = new ArrayList<>();
        for (String entry : entries()) {
            pathOf(entry).ifPresent(paths::add);
        }
        return paths;
    }

    /**
     * Adds {@code mount}, or replaces the entry for the same path.
     *
     * @return the entry that was replaced, if any
     */
    public Optional<String> put(Mount mount) throws IOException {
        synchronized (LOCK) {
            Configuration config = configuration();
            Dictionary<String, Object> props = config.getProperties();
            List<String> entries = new ArrayList<>(entries(props));
            Optional<String> previous = Optional.empty();
            int index = indexOf(entries, mount.path());
            if (index >= 0) {
                previous = Optional.of(entries.set(index, mount.format()));
            } else {
                entries.add(mount.format());
            }
            write(config, props, entries);
            return previous;
        }
    }

    /**
     * Removes the entry for {@code path}.
     *
     * @return the removed entry, or empty if there was none (nothing is written then)
     * @throws IllegalArgumentException for {@code /}, which must always be mounted, or a bad path
     */
    public Optional<String> remove(String path) throws IOException {
        String normalized = normalizePath(path);
        if (normalized.equals("/")) {
            throw new IllegalArgumentException("/ cannot be removed; use dsi-use to change what serves it");
        }
        synchronized (LOCK) {
            Configuration config = configuration();
            Dictionary<String, Object> props = config.getProperties();
            List<String> entries = new ArrayList<>(entries(props));
            int index = indexOf(entries, normalized);
            if (index < 0) {
                return Optional.empty();
            }
            String removed = entries.remove(index);
            write(config, props, entries);
            return Optional.of(removed);
        }
    }

    /**
     * The path as the core stores it (absolute, no trailing slash).
     *
     * @throws IllegalArgumentException if it is not an absolute path
     */
    public static String normalizePath(String path) {
        String p = path == null ? "" : path.strip();
        if (!p.startsWith("/") || p.indexOf('=') >= 0) {
            throw new IllegalArgumentException("mount path must be absolute and must not contain '=': " + path);
        }
        return Mount.parse(p + "=_").path();
    }

    /**
     * Checks that {@code name} can stand in a mount entry as a DSI instance name.
     *
     * @throws IllegalArgumentException if it is empty or holds white space, '=', '|' or ','
     */
    public static String checkDsiName(String name) {
        if (name == null || name.isEmpty()
                || name.chars().anyMatch(c -> Character.isWhitespace(c) || "=|,".indexOf(c) >= 0)) {
            throw new IllegalArgumentException("not a DSI instance name: '" + name + "'");
        }
        return name;
    }

    private Configuration configuration() throws IOException {
        // null location: the core's bundle binds it, as with a configuration from a .cfg file.
        return configAdmin.getConfiguration(ServerSettings.PID, null);
    }

    private static List<String> entries(Dictionary<String, Object> props) {
        Object value = props == null ? null : props.get(ServerSettings.MOUNTS);
        if (value == null) {
            return DEFAULT_MOUNTS;
        }
        List<String> entries = new ArrayList<>();
        if (value instanceof String[] array) {
            entries.addAll(List.of(array));
        } else if (value instanceof Collection<?> collection) {
            collection.forEach(e -> entries.add(String.valueOf(e)));
        } else {
            entries.add(String.valueOf(value)); // a single value, as DS would read it
        }
        entries.replaceAll(String::strip);
        entries.removeIf(String::isEmpty);
        return entries;
    }

    private static int indexOf(List<String> entries, String path) {
        for (int i = 0; i < entries.size(); i++) {
            if (pathOf(entries.get(i)).filter(path::equals).isPresent()) {
                return i;
            }
        }
        return -1;
    }

    private static Optional<String> pathOf(String entry) {
        try {
            return Optional.of(Mount.parse(entry).path());
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static void write(Configuration config, Dictionary<String, Object> old, List<String> entries)
            throws IOException {
        Dictionary<String, Object> props = new Hashtable<>();
        if (old != null) {
            for (Enumeration<String> keys = old.keys(); keys.hasMoreElements();) {
                String key = keys.nextElement();
                props.put(key, old.get(key));
            }
        }
        props.put(ServerSettings.MOUNTS, entries.toArray(String[]::new));
        config.update(props);
    }
}
