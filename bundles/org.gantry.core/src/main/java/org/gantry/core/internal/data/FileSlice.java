package org.gantry.core.internal.data;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.WritableByteChannel;

import io.netty.channel.FileRegion;
import io.netty.util.AbstractReferenceCounted;

/**
 * A section of a file sent with {@code sendfile}. Unlike Netty's DefaultFileRegion it never
 * closes the file: the DSI's reader owns it and many slices of it are in flight at once.
 */
public final class FileSlice extends AbstractReferenceCounted implements FileRegion {

    private final FileChannel file;
    private final long position;
    private final long count;
    private long transferred;

    public FileSlice(FileChannel file, long position, long count) {
        this.file = file;
        this.position = position;
        this.count = count;
    }

    @Override
    public long position() {
        return position;
    }

    @Override
    @Deprecated
    public long transfered() {
        return transferred;
    }

    @Override
    public long transferred() {
        return transferred;
    }

    @Override
    public long count() {
        return count;
    }

    @Override
    public long transferTo(WritableByteChannel target, long at) throws IOException {
        long remaining = count - at;
        if (remaining <= 0) {
            return 0;
        }
        long written = file.transferTo(position + at, remaining, target);
        if (written == 0 && position + at >= file.size()) {
            // The file shrank under us; without this the write would spin forever.
            throw new IOException("file is shorter than the " + count + " bytes to send from " + position);
        }
        transferred += written;
        return written;
    }

    @Override
    protected void deallocate() {
        // The reader owns the file.
    }

    @Override
    public FileRegion retain() {
        super.retain();
        return this;
    }

    @Override
    public FileRegion retain(int increment) {
        super.retain(increment);
        return this;
    }

    @Override
    public FileRegion touch() {
        return this;
    }

    @Override
    public FileRegion touch(Object hint) {
        return this;
    }
}
