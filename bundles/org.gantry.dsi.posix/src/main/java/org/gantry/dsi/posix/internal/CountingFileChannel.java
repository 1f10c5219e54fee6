package org.gantry.dsi.posix.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.NonWritableChannelException;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.WritableByteChannel;
import java.util.concurrent.atomic.LongAdder;

/**
 * A read-only view of an open file that counts the bytes read from it, also those the core sends
 * with {@code transferTo} (sendfile), which never pass through a reader call. Every call goes to
 * the real channel, so sendfile stays sendfile.
 */
final class CountingFileChannel extends FileChannel {

    private final FileChannel file;
    private final LongAdder reads;

    CountingFileChannel(FileChannel file, LongAdder reads) {
        this.file = file;
        this.reads = reads;
    }

    @Override
    public long transferTo(long position, long count, WritableByteChannel target) throws IOException {
        return counted(file.transferTo(position, count, target));
    }

    @Override
    public int read(ByteBuffer dst, long position) throws IOException {
        return (int) counted(file.read(dst, position));
    }

    @Override
    public int read(ByteBuffer dst) throws IOException {
        return (int) counted(file.read(dst));
    }

    @Override
    public long read(ByteBuffer[] dsts, int offset, int length) throws IOException {
        return counted(file.read(dsts, offset, length));
    }

    @Override
    public long size() throws IOException {
        return file.size();
    }

    @Override
    public long position() throws IOException {
        return file.position();
    }

    @Override
    public FileChannel position(long newPosition) throws IOException {
        file.position(newPosition);
        return this;
    }

    @Override
    public int write(ByteBuffer src) throws IOException {
        throw new NonWritableChannelException();
    }

    @Override
    public long write(ByteBuffer[] srcs, int offset, int length) throws IOException {
        throw new NonWritableChannelException();
    }

    @Override
    public int write(ByteBuffer src, long position) throws IOException {
        throw new NonWritableChannelException();
    }

    @Override
    public FileChannel truncate(long size) throws IOException {
        throw new NonWritableChannelException();
    }

    @Override
    public long transferFrom(ReadableByteChannel src, long position, long count) throws IOException {
        throw new NonWritableChannelException();
    }

    @Override
    public void force(boolean metaData) throws IOException {
        file.force(metaData);
    }

    /** Mapped reads could not be counted, so there are none. */
    @Override
    public MappedByteBuffer map(MapMode mode, long position, long size) throws IOException {
        throw new UnsupportedOperationException("a counted file cannot be mapped");
    }

    @Override
    public FileLock lock(long position, long size, boolean shared) throws IOException {
        return file.lock(position, size, shared);
    }

    @Override
    public FileLock tryLock(long position, long size, boolean shared) throws IOException {
        return file.tryLock(position, size, shared);
    }

    @Override
    protected void implCloseChannel() throws IOException {
        file.close();
    }

    private long counted(long count) {
        if (count > 0) {
            reads.add(count);
        }
        return count;
    }
}
