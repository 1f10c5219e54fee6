package org.gantry.dsi.posix.internal;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.GroupPrincipal;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.UserPrincipal;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.gantry.dsi.api.FileInfo;
import org.gantry.dsi.api.FileType;
import org.gantry.dsi.api.Locality;

/**
 * Describes one entry (never following a link) as a {@link FileInfo}: from the {@code unix}
 * attribute view where the JDK offers it, else from the basic and POSIX views.
 */
final class FileInfoReader {

    /** Everything but owner and group, whose names cost a passwd/group lookup per call. */
    private static final String UNIX_ATTRIBUTES = "unix:mode,ino,dev,nlink,uid,gid,size,lastModifiedTime,"
            + "creationTime,isDirectory,isRegularFile,isSymbolicLink";

    private final RootedPaths paths;
    private final boolean unixView;
    private final Map<Integer, String> userNames = new ConcurrentHashMap<>();
    private final Map<Integer, String> groupNames = new ConcurrentHashMap<>();

    FileInfoReader(RootedPaths paths) {
        this.paths = paths;
        this.unixView = FileSystems.getDefault().supportedFileAttributeViews().contains("unix");
    }

    /** Describes {@code hostPath} under the name {@code name} ({@code /} for the root). */
    FileInfo read(Path hostPath, String name) throws IOException {
        return unixView ? readUnix(hostPath, name) : readPortable(hostPath, name);
    }

    private FileInfo readUnix(Path hostPath, String name) throws IOException {
        Map<String, Object> attributes = Files.readAttributes(hostPath, UNIX_ATTRIBUTES, LinkOption.NOFOLLOW_LINKS);
        FileType type = type((Boolean) attributes.get("isDirectory"), (Boolean) attributes.get("isRegularFile"),
                (Boolean) attributes.get("isSymbolicLink"));
        int uid = (Integer) attributes.get("uid");
        int gid = (Integer) attributes.get("gid");
        String uniqueId = Long.toHexString((Long) attributes.get("dev")) + "-"
                + Long.toHexString((Long) attributes.get("ino"));
        return new FileInfo(name, type, (Long) attributes.get("size"),
                ((FileTime) attributes.get("lastModifiedTime")).toInstant(),
                Optional.of(((FileTime) attributes.get("creationTime")).toInstant()),
                (Integer) attributes.get("mode") & 07777,
                Optional.of(userNames.computeIfAbsent(uid, id -> ownerName(hostPath, "unix:owner", id))),
                Optional.of(groupNames.computeIfAbsent(gid, id -> ownerName(hostPath, "unix:group", id))),
                uid, gid, (Integer) attributes.get("nlink"), linkTarget(hostPath, type),
                Optional.of(uniqueId), List.of(), locality(type));
    }

    /** Names are cached per id: ids are few, entries many. */
    private static String ownerName(Path hostPath, String attribute, int id) {
        try {
            Object principal = Files.getAttribute(hostPath, attribute, LinkOption.NOFOLLOW_LINKS);
            return ((java.security.Principal) principal).getName();
        } catch (IOException | RuntimeException e) {
            return Integer.toString(id);
        }
    }

    private FileInfo readPortable(Path hostPath, String name) throws IOException {
        BasicFileAttributes basic = Files.readAttributes(hostPath, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        FileType type = type(basic.isDirectory(), basic.isRegularFile(), basic.isSymbolicLink());
        int mode = -1;
        Optional<String> owner = Optional.empty();
        Optional<String> group = Optional.empty();
        if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            PosixFileAttributes posix = Files.readAttributes(hostPath, PosixFileAttributes.class,
                    LinkOption.NOFOLLOW_LINKS);
            mode = toMode(posix);
            owner = Optional.of(posix.owner()).map(UserPrincipal::getName);
            group = Optional.of(posix.group()).map(GroupPrincipal::getName);
        }
        Optional<String> uniqueId = Optional.ofNullable(basic.fileKey()).map(Object::toString);
        return new FileInfo(name, type, basic.size(), basic.lastModifiedTime().toInstant(),
                Optional.of(basic.creationTime().toInstant()), mode, owner, group, -1, -1, 1,
                linkTarget(hostPath, type), uniqueId, List.of(), locality(type));
    }

    private static int toMode(PosixFileAttributes attributes) {
        int mode = 0;
        for (PosixFilePermission permission : attributes.permissions()) {
            // The enum lists OWNER_READ..OTHERS_EXECUTE, i.e. bit 8 down to bit 0.
            mode |= 1 << (8 - permission.ordinal());
        }
        return mode;
    }

    private static FileType type(boolean directory, boolean regularFile, boolean symbolicLink) {
        if (symbolicLink) {
            return FileType.SYMLINK;
        }
        if (directory) {
            return FileType.DIRECTORY;
        }
        return regularFile ? FileType.FILE : FileType.OTHER;
    }

    private static Locality locality(FileType type) {
        return type == FileType.DIRECTORY ? Locality.NONE : Locality.ONLINE;
    }

    /** Absolute targets inside the root are shown as DSI paths, so the host root stays private. */
    private Optional<String> linkTarget(Path hostPath, FileType type) throws IOException {
        if (type != FileType.SYMLINK) {
            return Optional.empty();
        }
        Path target = Files.readSymbolicLink(hostPath);
        return Optional.of(paths.contains(target) ? paths.toDsiPath(target.normalize()) : target.toString());
    }
}
