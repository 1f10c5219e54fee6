package org.gantry.dsi.posix.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;

import org.gantry.dsi.api.InvalidPathException;

/**
 * Maps DSI paths ({@code /a/b}) to host paths under the root and guarantees that no path, also
 * through symbolic links, leads out of it.
 *
 * <p>Every directory on the way is resolved physically ({@link Path#toRealPath}) and checked to lie
 * inside the root; only the last element is taken literally, so that operations on an entry itself
 * (lstat, delete, rename) see a link as a link. {@link #followed} additionally follows a link in
 * the last element, hop by hop, checking each hop. A link swapped between the check and the use
 * could still slip through (Java offers no openat/O_NOFOLLOW); the check stops everything that a
 * client can set up through the DSI itself.
 */
final class RootedPaths {

    /**
     * The server's own files (uploads in progress, kept partial uploads, checksum sidecars):
     * hidden from listings and unusable as DSI names, so no client name can collide with them.
     */
    static final String RESERVED_PREFIX = ".gantry-";

    /** Uploads in progress and kept partial uploads. */
    static final String TEMP_PREFIX = RESERVED_PREFIX + "upload-";

    private static final int MAX_LINK_HOPS = 40;

    private final Path root;

    /** @param root an existing directory; it is resolved to its real path */
    RootedPaths(Path root) throws IOException {
        this.root = root.toRealPath();
    }

    Path root() {
        return root;
    }

    /** Validates a DSI path and splits it into its names ({@code /} gives none). */
    static List<String> names(String dsiPath) throws InvalidPathException {
        if (dsiPath == null || !dsiPath.startsWith("/")) {
            throw new InvalidPathException("not an absolute path: " + dsiPath);
        }
        if (dsiPath.indexOf('\0') >= 0) {
            throw new InvalidPathException("path contains a NUL byte");
        }
        List<String> names = new ArrayList<>();
        for (String name : dsiPath.split("/")) {
            if (name.isEmpty()) {
                continue;
            }
            if (name.equals(".") || name.equals("..")) {
                throw new InvalidPathException(dsiPath + ": '.' and '..' are not allowed");
            }
            if (name.startsWith(RESERVED_PREFIX)) {
                throw new InvalidPathException(dsiPath + ": names starting with " + RESERVED_PREFIX + " are reserved");
            }
            names.add(name);
        }
        return names;
    }

    /** The entry itself: its directory resolved and checked, its own name taken literally. */
    Path entry(String dsiPath) throws IOException, InvalidPathException {
        List<String> names = names(dsiPath);
        if (names.isEmpty()) {
            return root;
        }
        Path directory = root;
        for (String name : names.subList(0, names.size() - 1)) {
            directory = directory.resolve(name);
        }
        return insideRoot(directory).resolve(names.get(names.size() - 1));
    }

    /** What the path denotes after following symbolic links; the target may not exist. */
    Path followed(String dsiPath) throws IOException, InvalidPathException {
        return follow(entry(dsiPath)).path();
    }

    /** As {@link #followed}, with what lstat found there (one lstat per hop, also for the caller). */
    Followed followedWithAttributes(String dsiPath) throws IOException, InvalidPathException {
        return follow(entry(dsiPath));
    }

    /** A path after following links, and its attributes, or null if nothing is there. */
    record Followed(Path path, BasicFileAttributes attributes) {
    }

    /** Follows links in the last element, checking every hop. */
    Followed follow(Path entry) throws IOException, InvalidPathException {
        Path current = entry;
        for (int hop = 0; hop < MAX_LINK_HOPS; hop++) {
            BasicFileAttributes attributes = attributesOrNull(current);
            if (attributes == null || !attributes.isSymbolicLink()) {
                return new Followed(current, attributes);
            }
            current = locate(current.getParent().resolve(Files.readSymbolicLink(current)));
        }
        throw new InvalidPathException("too many levels of symbolic links");
    }

    /** The entry's own attributes (a link is not followed), or null if there is none. */
    static BasicFileAttributes attributesOrNull(Path path) throws IOException {
        try {
            return Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (NoSuchFileException e) {
            return null;
        }
    }

    /** A host path in DSI terms; {@code hostPath} must lie inside the root. */
    String toDsiPath(Path hostPath) {
        Path relative = root.relativize(hostPath);
        if (relative.toString().isEmpty()) {
            return "/";
        }
        StringBuilder path = new StringBuilder();
        for (Path name : relative) {
            path.append('/').append(name);
        }
        return path.toString();
    }

    /** Whether an absolute link text points inside the root (then it can be shown as a DSI path). */
    boolean contains(Path hostPath) {
        return hostPath.isAbsolute() && hostPath.normalize().startsWith(root);
    }

    /**
     * Normalises a link target given by a client, relative to the link's directory, into DSI
     * names; {@code ..} may be used but not to climb above the DSI root.
     */
    static String resolveLinkTarget(String linkPath, String target) throws InvalidPathException {
        if (target == null || target.isEmpty() || target.indexOf('\0') >= 0) {
            throw new InvalidPathException("invalid link target");
        }
        List<String> names = new ArrayList<>();
        if (!target.startsWith("/")) {
            names.addAll(names(linkPath));
            if (names.isEmpty()) {
                throw new InvalidPathException("cannot replace the root by a link");
            }
            names.remove(names.size() - 1);
        }
        for (String name : target.split("/")) {
            if (name.isEmpty() || name.equals(".")) {
                continue;
            }
            if (name.equals("..")) {
                if (names.isEmpty()) {
                    throw new InvalidPathException("link target leaves the root: " + target);
                }
                names.remove(names.size() - 1);
            } else {
                names.add(name);
            }
        }
        return "/" + String.join("/", names);
    }

    /** An absolute host path, its directory resolved physically and checked, its name literal. */
    private Path locate(Path path) throws IOException, InvalidPathException {
        Path name = path.getFileName();
        if (name == null || name.toString().equals(".") || name.toString().equals("..")) {
            return insideRoot(path);
        }
        return insideRoot(path.getParent()).resolve(name);
    }

    /**
     * Resolves a directory physically and checks it is inside the root. A directory that does not
     * exist yet is resolved through its deepest existing ancestor; a dangling link on the way is
     * reported as missing rather than followed later by the kernel to wherever it points.
     */
    private Path insideRoot(Path directory) throws IOException, InvalidPathException {
        Path existing = directory;
        Path real = null;
        while (real == null) {
            try {
                real = existing.toRealPath();
            } catch (NoSuchFileException e) {
                if (Files.isSymbolicLink(existing)) {
                    throw new NoSuchFileException(existing.toString(), null, "dangling symbolic link");
                }
                existing = existing.getParent();
                if (existing == null) {
                    throw e;
                }
            }
        }
        Path resolved = real.resolve(existing.relativize(directory)).normalize();
        if (!resolved.startsWith(root)) {
            throw new InvalidPathException("path leads outside the DSI root");
        }
        return resolved;
    }
}
