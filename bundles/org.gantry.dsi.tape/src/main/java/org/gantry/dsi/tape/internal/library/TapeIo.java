package org.gantry.dsi.tape.internal.library;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

import org.gantry.dsi.api.NotSupportedException;
import org.gantry.dsi.support.ChecksumAlgorithm;

/** Moves real bytes between disk-cache files and cartridge backing files, paced like a drive. */
final class TapeIo {

    /** Told of every chunk before it moves: sleeps its transfer time, may fail the transfer. */
    interface Pacer {
        void beforeChunk(long bytes) throws IOException, InterruptedException;
    }

    /** A transfer that failed for a reason to report as is (the message is the reason). */
    static final class TransferFailed extends IOException {
        TransferFailed(String reason) {
            super(reason);
        }
    }

    private static final int CHUNK = 256 * 1024;

    private final CartridgeStore store;

    TapeIo(CartridgeStore store) {
        this.store = store;
    }

    /**
     * Appends the item's bytes at the cartridge's end and forces them to disk.
     *
     * @return the offset the file starts at
     */
    long append(String label, FlushItem item, Pacer pacer) throws IOException, InterruptedException {
        try (FileChannel source = FileChannel.open(item.source(), StandardOpenOption.READ);
                FileChannel tape = store.openForAppend(label)) {
            long offset = tape.size();
            try {
                ByteBuffer buffer = ByteBuffer.allocate(CHUNK);
                long written = 0;
                while (written < item.size()) {
                    buffer.clear().limit((int) Math.min(CHUNK, item.size() - written));
                    pacer.beforeChunk(buffer.remaining());
                    if (source.read(buffer, written) < 0) {
                        throw new TransferFailed("source " + item.source().getFileName() + " is shorter than its "
                                + item.size() + " bytes");
                    }
                    buffer.flip();
                    while (buffer.hasRemaining()) {
                        written += tape.write(buffer, offset + written);
                    }
                }
                tape.force(true);
            } finally {
                // Whatever reached the cartridge stays (unreferenced if we failed): tape only appends.
                store.appended(label, tape.size());
            }
            return offset;
        }
    }

    /**
     * Copies a tape copy to a temporary file beside the target, compares its ADLER32, forces it and
     * renames it into place; on any failure nothing is left at the target.
     *
     * @param corrupt flip a byte on the way (the injected checksum mismatch)
     */
    void recall(RecallItem item, Pacer pacer, boolean corrupt) throws IOException, InterruptedException {
        TapeLocation location = item.location();
        Path target = item.target();
        Path temp = target.resolveSibling("." + target.getFileName() + ".recalling");
        boolean done = false;
        try (FileChannel tape = store.openForRead(location.cartridge());
                FileChannel out = FileChannel.open(temp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                        StandardOpenOption.TRUNCATE_EXISTING)) {
            if (tape.size() < location.offset() + location.length()) {
                throw new TransferFailed("cartridge " + location.cartridge() + " ends at byte " + tape.size()
                        + ", before the file's end at " + (location.offset() + location.length()));
            }
            ChecksumAlgorithm.Calculator adler32 = adler32();
            ByteBuffer buffer = ByteBuffer.allocate(CHUNK);
            long read = 0;
            while (read < location.length()) {
                buffer.clear().limit((int) Math.min(CHUNK, location.length() - read));
                pacer.beforeChunk(buffer.remaining());
                int n = tape.read(buffer, location.offset() + read);
                if (n < 0) {
                    throw new TransferFailed("cartridge " + location.cartridge() + " ended early");
                }
                buffer.flip();
                if (corrupt && read == 0 && n > 0) {
                    buffer.put(0, (byte) ~buffer.get(0));
                }
                adler32.update(buffer.duplicate());
                while (buffer.hasRemaining()) {
                    out.write(buffer);
                }
                read += n;
            }
            String expected = ChecksumAlgorithm.normalize("ADLER32", item.adler32());
            String actual = corrupt && location.length() == 0 ? "ffffffff" : adler32.value();
            if (!expected.equals(actual)) {
                throw new TransferFailed("checksum mismatch: " + location.format() + " has ADLER32 " + actual
                        + ", expected " + expected);
            }
            out.force(true);
            done = true;
        } finally {
            if (!done) {
                Files.deleteIfExists(temp);
            }
        }
        try {
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            Files.deleteIfExists(temp);
            throw e;
        }
        DirectorySync.sync(target.getParent());
    }

    private static ChecksumAlgorithm.Calculator adler32() {
        try {
            return ChecksumAlgorithm.create("ADLER32");
        } catch (NotSupportedException e) {
            throw new IllegalStateException("the JDK always has ADLER32", e);
        }
    }
}
