package org.gantry.core.internal;

import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.net.InetSocketAddress;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import org.gantry.dsi.api.AlreadyExistsException;
import org.gantry.dsi.api.DataEndpoint;
import org.gantry.dsi.api.DirectoryListing;
import org.gantry.dsi.api.DirectoryNotEmptyException;
import org.gantry.dsi.api.DsiReader;
import org.gantry.dsi.api.DsiSession;
import org.gantry.dsi.api.DsiWriter;
import org.gantry.dsi.api.FileInfo;
import org.gantry.dsi.api.IsDirectoryException;
import org.gantry.dsi.api.NoSpaceException;
import org.gantry.dsi.api.NotDirectoryException;
import org.gantry.dsi.api.TransferDirection;
import org.gantry.dsi.api.NotSupportedException;
import org.gantry.dsi.api.ReadRequest;
import org.gantry.dsi.api.WriteRequest;

/** A user's session with a {@link MemoryDsi}. */
final class MemoryDsiSession implements DsiSession {

    private final MemoryDsi dsi;

    MemoryDsiSession(MemoryDsi dsi) {
        this.dsi = dsi;
    }

    @Override
    public CompletionStage<FileInfo> stat(String path, boolean followLinks) {
        return dsi.async(() -> dsi.info(path, dsi.node(path)));
    }

    @Override
    public CompletionStage<DirectoryListing> list(String directory) {
        return dsi.async(() -> {
            if (!dsi.node(directory).isDir()) {
                throw new NotDirectoryException(directory);
            }
            List<String> names = dsi.children(directory);
            return new DirectoryListing() {
                private int next;

                @Override
                public synchronized CompletionStage<List<FileInfo>> next(int max) {
                    List<FileInfo> batch = new ArrayList<>();
                    while (next < names.size() && batch.size() < max) {
                        String p = names.get(next++);
                        MemoryDsi.Node n = dsi.nodes.get(p);
                        if (n != null) {
                            batch.add(dsi.info(p, n));
                        }
                    }
                    return CompletableFuture.supplyAsync(() -> batch, MemoryDsi.ASYNC);
                }

                @Override
                public void close() {
                }
            };
        });
    }

    @Override
    public CompletionStage<Void> mkdir(String path) {
        return dsi.async(() -> {
            dsi.requireParentDir(path);
            if (dsi.nodes.putIfAbsent(path, MemoryDsi.Node.dir()) != null) {
                throw new AlreadyExistsException(path);
            }
            return null;
        });
    }

    @Override
    public CompletionStage<Void> rmdir(String path) {
        return dsi.async(() -> {
            if (!dsi.node(path).isDir()) {
                throw new NotDirectoryException(path);
            }
            if (!dsi.children(path).isEmpty()) {
                throw new DirectoryNotEmptyException(path);
            }
            dsi.nodes.remove(path);
            return null;
        });
    }

    @Override
    public CompletionStage<Void> delete(String path) {
        return dsi.async(() -> {
            if (dsi.node(path).isDir()) {
                throw new IsDirectoryException(path);
            }
            dsi.nodes.remove(path);
            return null;
        });
    }

    @Override
    public CompletionStage<Void> rename(String from, String to) {
        return dsi.async(() -> {
            MemoryDsi.Node n = dsi.node(from);
            dsi.requireParentDir(to);
            dsi.requestedPaths.add(to);
            dsi.nodes.remove(from);
            dsi.nodes.put(to, n);
            return null;
        });
    }

    @Override
    public CompletionStage<Void> setTimes(String path, Instant modified) {
        return dsi.async(() -> {
            dsi.node(path).modified = modified;
            return null;
        });
    }

    @Override
    public CompletionStage<Void> chmod(String path, int mode) {
        return dsi.async(() -> {
            dsi.node(path).mode = mode;
            return null;
        });
    }

    @Override
    public CompletionStage<Void> symlink(String target, String link) {
        if (!dsi.symlinks) {
            return CompletableFuture.failedFuture(new NotSupportedException("symlink"));
        }
        dsi.links.put(link, target);
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public CompletionStage<String> realPath(String path) {
        return CompletableFuture.completedFuture(path);
    }

    @Override
    public CompletionStage<String> checksum(String path, String algorithm, long offset, long length) {
        return checksum(path, algorithm, offset, length, n -> { });
    }

    /** A whole-file ADLER32 that takes {@code checksumTime}, reporting progress ten times. */
    @Override
    public CompletionStage<String> checksum(String path, String algorithm, long offset, long length,
            java.util.function.LongConsumer progress) {
        java.time.Duration time = dsi.checksumTime;
        if (time == null) {
            return CompletableFuture.failedFuture(new NotSupportedException("checksum"));
        }
        return dsi.async(() -> {
            byte[] data = dsi.node(path).data;
            for (int step = 1; step <= 10; step++) {
                java.util.concurrent.locks.LockSupport.parkNanos(time.toNanos() / 10);
                progress.accept(data.length * step / 10L);
            }
            java.util.zip.Adler32 adler = new java.util.zip.Adler32();
            adler.update(data);
            return String.format("%08x", adler.getValue());
        });
    }

    @Override
    public CompletionStage<DsiReader> openRead(String path, ReadRequest r) {
        dsi.openReads.incrementAndGet();
        return dsi.async(() -> {
            java.util.concurrent.locks.LockSupport.parkNanos(dsi.openReadDelay.toNanos());
            if (dsi.openReadFailure != null) {
                throw dsi.openReadFailure;
            }
            MemoryDsi.Node n = dsi.node(path);
            if (n.isDir()) {
                throw new IsDirectoryException(path);
            }
            byte[] data = n.data;
            return new DsiReader() {
                @Override
                public long size() {
                    return data.length;
                }

                @Override
                public CompletionStage<Integer> read(ByteBuffer destination, long position) {
                    return CompletableFuture.supplyAsync(() -> {
                        if (position >= data.length) {
                            return -1;
                        }
                        int n = (int) Math.min(destination.remaining(), data.length - position);
                        destination.put(data, (int) position, n);
                        return n;
                    }, MemoryDsi.ASYNC);
                }

                @Override
                public void close() {
                }
            };
        });
    }

    @Override
    public CompletionStage<DsiWriter> openWrite(String path, WriteRequest r) {
        return dsi.async(() -> {
            dsi.requestedPaths.add(path);
            dsi.requireParentDir(path);
            MemoryDsi.Node existing = dsi.nodes.get(path);
            if (existing != null && existing.isDir()) {
                throw new IsDirectoryException(path);
            }
            if (r.allocationSize() > 0 && dsi.used() + r.allocationSize() > dsi.capacity) {
                throw new NoSpaceException("ALLO " + r.allocationSize());
            }
            byte[] start = r.truncate() || existing == null ? new byte[0] : existing.data.clone();
            dsi.openWriters.incrementAndGet();
            return new MemoryDsiWriter(dsi, path, start);
        });
    }

    @Override
    public void close() {
        dsi.openSessions.decrementAndGet();
    }

    @Override
    public CompletionStage<Optional<DataEndpoint>> placement(String path,
            TransferDirection direction) {
        dsi.placements.add(direction + " " + path);
        InetSocketAddress at = dsi.placeAt;
        return dsi.placementGate.thenApplyAsync(v -> Optional.ofNullable(at).map(DataEndpoint::new), MemoryDsi.ASYNC);
    }
}
