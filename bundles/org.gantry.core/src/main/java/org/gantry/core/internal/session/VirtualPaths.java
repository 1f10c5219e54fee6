package org.gantry.core.internal.session;

import java.util.ArrayDeque;
import java.util.Deque;

import org.gantry.dsi.api.InvalidPathException;

/**
 * A user's view of the namespace: a root (chroot-like) and a working directory. Client paths are
 * resolved lexically; {@code ..} never climbs above the user's root, so the result always stays
 * inside it.
 */
public final class VirtualPaths {

    private final String root;
    private final String home;
    private volatile String cwd;

    /**
     * @param root the user's root as a server path
     * @param home the initial directory, relative to the root
     */
    public VirtualPaths(String root, String home) {
        this.root = normalise(root == null || root.isBlank() ? "/" : root);
        this.home = normalise(home == null || home.isBlank() ? "/" : home);
        this.cwd = this.home;
    }

    /** The working directory as the user sees it. */
    public String cwd() {
        return cwd;
    }

    public void changeTo(String userPath) {
        this.cwd = userPath;
    }

    /**
     * Resolves a client path (absolute, relative to the working directory, or {@code ~}-based)
     * to an absolute, normalised path as the user sees it.
     *
     * @throws InvalidPathException if the path contains a NUL character
     */
    public String resolve(String clientPath) throws InvalidPathException {
        if (clientPath.indexOf('\0') >= 0) {
            throw new InvalidPathException("path contains NUL");
        }
        String p = clientPath;
        if (p.isEmpty()) {
            return cwd;
        }
        if (p.equals("~") || p.startsWith("~/")) {
            p = home + p.substring(1);
        }
        return normalise(p.startsWith("/") ? p : cwd + "/" + p);
    }

    /** The server path of a user path: the user's root prepended. */
    public String toServer(String userPath) {
        if (root.equals("/")) {
            return userPath;
        }
        return userPath.equals("/") ? root : root + userPath;
    }

    /** Removes empty, {@code .} and {@code ..} elements; {@code ..} at the top stays at the top. */
    public static String normalise(String path) {
        Deque<String> parts = new ArrayDeque<>();
        for (String element : path.split("/")) {
            if (element.isEmpty() || element.equals(".")) {
                continue;
            }
            if (element.equals("..")) {
                parts.pollLast();
            } else {
                parts.addLast(element);
            }
        }
        return parts.isEmpty() ? "/" : "/" + String.join("/", parts);
    }

    /** The parent of a normalised path ({@code /} for {@code /}). */
    public static String parent(String path) {
        int slash = path.lastIndexOf('/');
        return slash <= 0 ? "/" : path.substring(0, slash);
    }

    /** The last element of a normalised path ({@code /} for {@code /}). */
    public static String name(String path) {
        return path.equals("/") ? "/" : path.substring(path.lastIndexOf('/') + 1);
    }
}
