package org.gantry.itests;

import java.io.Closeable;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One MODE E upload the way a parallel GridFTP client sends it, on raw sockets: PASV, n data
 * connections, {@code ALLO}, {@code STOR}, 17-byte-header blocks dealt round-robin over the
 * connections (block i on connection i mod n), an EOD on every connection and on the last one
 * EOF|EOD carrying the EOD count. Each connection has its own thread and blocking writes, so a
 * server that stops reading stalls the sender through TCP back-pressure. The content comes from
 * {@link SeededContent}; each connection writes from one small direct buffer of its own, made in
 * {@link #open} so that it is part of any memory baseline taken afterwards.
 */
final class ModeEUpload implements Closeable {

    /** Payload bytes per MODE E block, as parallel GridFTP clients commonly use. */
    static final int BLOCK = 256 * 1024;
    private static final int WRITE_BUFFER = 64 * 1024;
    private static final int EOD = 0x08;
    private static final int EOF = 0x40;
    /** Markers come every few seconds, so a read this long without any reply is a hung server. */
    private static final int FINAL_REPLY_TIMEOUT_MILLIS = 60_000;

    private final int port;
    private final String path;
    private final long size;
    private final long seed;
    private final int connections;
    private final AtomicLong sentCounter;
    private final List<SocketChannel> data = new CopyOnWriteArrayList<>();
    private final List<ByteBuffer> buffers = new ArrayList<>();
    private FtpTestClient ftp;

    /** @param sentCounter adds up the payload bytes the sockets took, across uploads */
    ModeEUpload(int port, String path, long size, long seed, int connections, AtomicLong sentCounter) {
        this.port = port;
        this.path = path;
        this.size = size;
        this.seed = seed;
        this.connections = connections;
        this.sentCounter = sentCounter;
    }

    /** Logs in, TYPE I, MODE E, PASV, and connects every data connection; sends no data yet. */
    void open() throws IOException {
        ftp = ModeETransfers.session(port);
        InetSocketAddress passive = ftp.passiveAddress();
        for (int c = 0; c < connections; c++) {
            data.add(SocketChannel.open(passive));
            buffers.add(ByteBuffer.allocateDirect(WRITE_BUFFER));
        }
    }

    /**
     * ALLO and STOR, then all connections send at once from {@code senders} (which must have a
     * thread free for each); returns when the server has answered 226, fails on anything else.
     */
    void send(ExecutorService senders) throws IOException, InterruptedException {
        ftp.command("ALLO " + size, 200);
        ftp.command("STOR " + path, 150);
        List<Future<?>> streams = new ArrayList<>();
        for (int c = 0; c < connections; c++) {
            int connection = c;
            streams.add(senders.submit(() -> {
                sendStream(connection);
                return null;
            }));
        }
        for (Future<?> stream : streams) {
            try {
                stream.get();
            } catch (ExecutionException e) {
                throw new IOException(path + ": a data connection failed: " + e.getCause(), e.getCause());
            }
        }
        ftp.controlSocket().setSoTimeout(FINAL_REPLY_TIMEOUT_MILLIS);
        FtpReply reply = ftp.readReply();
        while (ModeETransfers.isMarker(reply)) {
            reply = ftp.readReply();
        }
        FtpTestClient.expect(226, reply, "STOR " + path);
    }

    private void sendStream(int connection) throws IOException {
        SocketChannel channel = data.get(connection);
        ByteBuffer buffer = buffers.get(connection);
        long blocks = (size + BLOCK - 1) / BLOCK;
        for (long block = connection; block < blocks; block += connections) {
            long offset = block * BLOCK;
            long end = Math.min(size, offset + BLOCK);
            writeHeader(channel, buffer, 0, end - offset, offset);
            for (long at = offset; at < end; ) {
                int n = (int) Math.min(buffer.capacity(), end - at);
                buffer.clear().limit(n);
                SeededContent.fill(buffer, seed, at);
                writeFully(channel, buffer.flip());
                sentCounter.addAndGet(n);
                at += n;
            }
        }
        boolean last = connection == connections - 1;
        writeHeader(channel, buffer, last ? EOF | EOD : EOD, 0, last ? connections : 0);
    }

    private static void writeHeader(SocketChannel channel, ByteBuffer buffer, int descriptor, long count,
            long offset) throws IOException {
        buffer.clear();
        buffer.put((byte) descriptor).putLong(count).putLong(offset);
        writeFully(channel, buffer.flip());
    }

    private static void writeFully(SocketChannel channel, ByteBuffer buffer) throws IOException {
        while (buffer.hasRemaining()) {
            channel.write(buffer);
        }
    }

    /** Closes the data and control connections; unblocks any sender stuck in a write. */
    @Override
    public void close() throws IOException {
        for (SocketChannel channel : data) {
            channel.close();
        }
        if (ftp != null) {
            ftp.close();
        }
    }
}
