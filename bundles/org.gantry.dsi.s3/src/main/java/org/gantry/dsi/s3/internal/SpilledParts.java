package org.gantry.dsi.s3.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/**
 * Blocks of one upload whose part has no room in memory yet, on local disk: one temporary file
 * per part, read back into the part's memory (and deleted) when it gets room. With parallel
 * streams the oldest bytes can trail the newest by all the streams' TCP buffers, on a WAN
 * hundreds of MiB; this lets such uploads go on at memory bounded by the window. Confined to the
 * upload's lock.
 */
final class SpilledParts implements AutoCloseable {

    private record Block(long position, long fileOffset, int length) {
    }

    private static final class Spill {
        final Path file;
        final FileChannel channel;
        final List<Block> blocks = new ArrayList<>();
        long size;

        Spill(Path file, FileChannel channel) {
            this.file = file;
            this.channel = channel;
        }
    }

    private final Path directory;
    private final long limit;
    private final TreeMap<Integer, Spill> parts = new TreeMap<>();
    private long bytes;

    /** @param limit most bytes on disk at once */
    SpilledParts(Path directory, long limit) {
        this.directory = directory;
        this.limit = limit;
    }

    /** Writes a block of part {@code part} to disk; false (nothing written) if that would pass the limit. */
    boolean offer(int part, ByteBuffer source, long position) {
        int length = source.remaining();
        if (bytes + length > limit) {
            return false;
        }
        try {
            Spill spill = parts.get(part);
            if (spill == null) {
                Files.createDirectories(directory);
                Path file = Files.createTempFile(directory, "s3-part-", ".spill");
                spill = new Spill(file, FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE,
                        StandardOpenOption.DELETE_ON_CLOSE));
                parts.put(part, spill);
            }
            long at = spill.size;
            long end = at;
            while (source.hasRemaining()) {
                end += spill.channel.write(source, end);
            }
            spill.size = end;
            spill.blocks.add(new Block(position, at, length));
            bytes += length;
            return true;
        } catch (IOException e) {
            throw new UncheckedIOException("spilling a block to " + directory + " failed", e);
        }
    }

    /** Whether {@code length} more bytes fit under the limit. */
    boolean canTake(long length) {
        return bytes + length <= limit;
    }

    boolean isEmpty() {
        return parts.isEmpty();
    }

    /** Part numbers with blocks on disk, lowest (oldest data) first. */
    List<Integer> partNumbers() {
        return new ArrayList<>(parts.keySet());
    }

    /** Hands every block of {@code part} to {@code sink} (buffer, file position) and deletes them. */
    void drain(int part, BlockSink sink) {
        Spill spill = parts.remove(part);
        if (spill == null) {
            return;
        }
        try (FileChannel channel = spill.channel) {
            for (Block block : spill.blocks) {
                ByteBuffer buffer = ByteBuffer.allocate(block.length());
                while (buffer.hasRemaining()) {
                    if (channel.read(buffer, block.fileOffset() + buffer.position()) < 0) {
                        throw new IOException("spill file " + spill.file + " is short");
                    }
                }
                sink.accept(buffer.flip(), block.position());
                bytes -= block.length();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Takes a block read back from disk. */
    @FunctionalInterface
    interface BlockSink {
        void accept(ByteBuffer block, long position);
    }

    long bytes() {
        return bytes;
    }

    /** Deletes every spill file. */
    @Override
    public void close() {
        for (Spill spill : parts.values()) {
            try {
                spill.channel.close();
            } catch (IOException ignored) {
                // DELETE_ON_CLOSE has done what it can; the directory is the DSI's own.
            }
        }
        parts.clear();
        bytes = 0;
    }
}
