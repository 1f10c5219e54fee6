package org.gantry.security.internal.file;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * What a file, or the regular files directly inside a directory, look like right now: names,
 * modification times and sizes. Two equal stamps mean "nothing to reload".
 *
 * <p>A directory's own modification time is not enough: fetch-crl and editors rewrite files in
 * place, which changes the file but not the directory. Sizes catch rewrites within the same
 * clock tick.
 */
public record FileSetStamp(List<Entry> entries) {

    /** The stamp of a path that does not exist or cannot be read. */
    public static final FileSetStamp MISSING = new FileSetStamp(List.of());

    public record Entry(String name, long modifiedMillis, long size) {
    }

    /** Stamp of {@code path}: a single file, or every regular file directly in a directory. */
    public static FileSetStamp of(Path path) {
        try {
            BasicFileAttributes attrs = Files.readAttributes(path, BasicFileAttributes.class);
            if (!attrs.isDirectory()) {
                return new FileSetStamp(List.of(entry(path, attrs)));
            }
            List<Entry> entries = new ArrayList<>();
            try (Stream<Path> files = Files.list(path)) {
                for (Path file : (Iterable<Path>) files.sorted()::iterator) {
                    BasicFileAttributes fileAttrs = Files.readAttributes(file, BasicFileAttributes.class);
                    if (fileAttrs.isRegularFile()) {
                        entries.add(entry(file, fileAttrs));
                    }
                }
            }
            return new FileSetStamp(List.copyOf(entries));
        } catch (IOException e) {
            return MISSING; // vanished between listing and stat, or unreadable: reload and report then
        }
    }

    private static Entry entry(Path file, BasicFileAttributes attrs) {
        return new Entry(file.getFileName().toString(), attrs.lastModifiedTime().toMillis(), attrs.size());
    }
}
