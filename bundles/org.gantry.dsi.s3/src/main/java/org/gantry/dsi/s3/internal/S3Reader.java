package org.gantry.dsi.s3.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import org.gantry.dsi.api.ByteRange;
import org.gantry.dsi.api.DsiException;
import org.gantry.dsi.api.DsiReader;
import org.gantry.dsi.api.StorageUnavailableException;

/**
 * Reads an object by ranged GETs of one chunk each, keeping several chunks in flight ahead of
 * the position being read (the core reads a file front to back, also for MODE E), so the data
 * channel does not wait for one request at a time. Only chunks inside the ranges the core asked
 * for (REST, ERET) are fetched ahead. Every GET names the ETag the object had when it was
 * opened: if it is replaced meanwhile, the read fails instead of mixing two versions.
 */
final class S3Reader implements DsiReader {

    private final String path;
    private final S3Location at;
    private final String etag;
    private final long size;
    private final List<ByteRange> ranges;
    private final int chunk;
    private final int ahead;
    private final ObjectStore store;
    private final Requests requests;
    private final S3Counters counters;
    private final TreeMap<Long, CompletableFuture<byte[]>> chunks = new TreeMap<>();
    private boolean closed;

    S3Reader(String path, S3Location at, String etag, long size, List<ByteRange> ranges, ReadSettings settings,
            ObjectStore store, Requests requests, S3Counters counters) {
        this.path = path;
        this.at = at;
        this.etag = etag;
        this.size = size;
        this.ranges = ranges;
        this.chunk = settings.chunk();
        this.ahead = settings.ahead();
        this.store = store;
        this.requests = requests;
        this.counters = counters;
    }

    @Override
    public long size() {
        return size;
    }

    @Override
    public CompletionStage<Integer> read(ByteBuffer destination, long position) {
        if (position >= size) {
            return CompletableFuture.completedFuture(-1);
        }
        long index = position / chunk;
        CompletableFuture<byte[]> wanted;
        synchronized (this) {
            if (closed) {
                return CompletableFuture.failedFuture(new StorageUnavailableException(path + ": reader closed"));
            }
            // Chunks behind the position are done with.
            chunks.headMap(index).clear();
            wanted = fetch(index);
            for (long next = index + 1; next < index + ahead; next++) {
                if (wanted(next)) {
                    fetch(next);
                }
            }
        }
        return wanted.thenApply(bytes -> {
            int from = (int) (position - index * chunk);
            int n = Math.min(destination.remaining(), bytes.length - from);
            destination.put(bytes, from, n);
            return n;
        });
    }

    /** Whether chunk {@code index} lies in the file and in a range the core will read. */
    private boolean wanted(long index) {
        long start = index * chunk;
        long end = Math.min(size, start + chunk);
        return start < size && ranges.stream().anyMatch(r -> r.start() < end && (r.end() == ByteRange.TO_END || r.end() > start));
    }

    private CompletableFuture<byte[]> fetch(long index) {
        return chunks.computeIfAbsent(index, i -> requests.call(() -> get(i)).toCompletableFuture());
    }

    private byte[] get(long index) throws DsiException {
        long start = index * chunk;
        int length = (int) (Math.min(size, start + chunk) - start);
        byte[] bytes = new byte[length];
        try (InputStream in = store.get(path, at, start, start + length, etag)) {
            int n = in.readNBytes(bytes, 0, length);
            if (n < length) {
                throw new StorageUnavailableException(path + ": the object store returned " + n + " of " + length
                        + " bytes at offset " + start);
            }
        } catch (IOException e) {
            throw new StorageUnavailableException(path + ": reading from the object store failed: " + e.getMessage(), e);
        }
        counters.read(length);
        return bytes;
    }

    @Override
    public synchronized void close() {
        closed = true;
        chunks.clear();
    }
}
