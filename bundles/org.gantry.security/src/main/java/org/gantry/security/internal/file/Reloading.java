package org.gantry.security.internal.file;

import java.nio.file.Path;
import java.util.Objects;
import java.util.function.Function;

/**
 * A value read from a file or a directory, read again on the next {@link #get()} after the
 * files changed (see {@link FileSetStamp}).
 *
 * <p>Why a check on use and not a {@code WatchService}: a watcher needs a thread with a lifecycle
 * of its own and misses changes on network file systems (where IGTF bundles and grid-mapfiles
 * often live); a few {@code stat} calls per login cost microseconds next to the RSA operations of
 * the handshake they guard, and a change is seen by the very next login.
 *
 * @param <T> the parsed content; the loader must not throw (it reports problems itself and
 *            returns what it could read, or an empty value)
 */
public final class Reloading<T> {

    private final Path path;
    private final Function<Path, T> loader;
    private volatile Loaded<T> current;

    public Reloading(Path path, Function<Path, T> loader) {
        this.path = Objects.requireNonNull(path, "path");
        this.loader = Objects.requireNonNull(loader, "loader");
    }

    public Path path() {
        return path;
    }

    /** The content, re-read first if the files changed since the last read. */
    public T get() {
        FileSetStamp stamp = FileSetStamp.of(path);
        Loaded<T> loaded = current;
        if (loaded != null && loaded.stamp().equals(stamp)) {
            return loaded.value();
        }
        synchronized (this) {
            loaded = current;
            // Another caller may have reloaded while we waited for the lock.
            if (loaded == null || !loaded.stamp().equals(stamp)) {
                loaded = new Loaded<>(stamp, loader.apply(path));
                current = loaded;
            }
            return loaded.value();
        }
    }

    private record Loaded<T>(FileSetStamp stamp, T value) {
    }
}
