package org.gantry.itests;

import static org.gantry.itests.ModeEBlock.EOD;
import static org.gantry.itests.ModeEBlock.EOF;
import static org.gantry.itests.ModeEBlock.HEADER_BYTES;
import static org.junit.Assert.fail;

import java.io.BufferedInputStream;
import java.io.Closeable;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The client's end of MODE E (GFD.20 extended block mode) data connections, on plain sockets and
 * independent of the server's code. It connects to passive addresses or listens for the server's
 * active connections, writes blocks with whatever header a test wants (valid or not) and reads
 * blocks back ({@link ModeEBlock}; a whole transfer as a {@link ModeEReceived}). Writes are
 * queued onto one background thread, in order, so that a server that stops reading cannot block
 * a test thread; every read times out.
 */
final class ModeEPeer implements Closeable {

    /** A silent server fails a read after this long. */
    static final Duration IO_TIMEOUT = Duration.ofSeconds(10);

    /** One planned data block: which connection carries it, and which bytes. */
    record Planned(int connection, long offset, int length) {
    }

    private final List<Socket> sockets = new CopyOnWriteArrayList<>();
    private final Map<Socket, DataInputStream> inputs = new ConcurrentHashMap<>();
    private final ExecutorService writer = Executors.newSingleThreadExecutor(daemon("mode-e-writer"));
    private final ExecutorService readers = Executors.newCachedThreadPool(daemon("mode-e-reader"));
    private CompletableFuture<Void> writes = CompletableFuture.completedFuture(null);
    private ServerSocket listener;

    // ---------------------------------------------------------------- connections

    /** Opens {@code n} data connections to a passive address (PASV, EPSV, SPAS). */
    List<Socket> connect(InetSocketAddress address, int n) throws IOException {
        List<Socket> opened = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Socket socket = new Socket();
            sockets.add(socket);
            socket.connect(address, (int) IO_TIMEOUT.toMillis());
            socket.setSoTimeout((int) IO_TIMEOUT.toMillis());
            opened.add(socket);
        }
        return opened;
    }

    /** Listens on an ephemeral port of {@code address} for the server's active connections. */
    InetSocketAddress listen(InetAddress address) throws IOException {
        listener = new ServerSocket(0, 50, address);
        return (InetSocketAddress) listener.getLocalSocketAddress();
    }

    /** Accepts exactly {@code n} connections; fails if fewer arrive within {@code timeout}. */
    List<Socket> accept(int n, Duration timeout) throws IOException {
        List<Socket> accepted = new ArrayList<>();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (accepted.size() < n) {
            long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
            Socket socket = left > 0 ? acceptWithin(Duration.ofMillis(left)) : null;
            if (socket == null) {
                fail("the server opened " + accepted.size() + " of the expected " + n
                        + " data connections within " + timeout.toSeconds() + " s");
            }
            accepted.add(socket);
        }
        return accepted;
    }

    /** The next connection from the server, or null if none arrives within {@code wait}. */
    Socket acceptWithin(Duration wait) throws IOException {
        listener.setSoTimeout((int) Math.max(1, wait.toMillis()));
        try {
            Socket socket = listener.accept();
            sockets.add(socket);
            socket.setSoTimeout((int) IO_TIMEOUT.toMillis());
            return socket;
        } catch (SocketTimeoutException none) {
            return null;
        }
    }

    /** {@code h1,h2,h3,h4,p1,p2} for PORT and SPOR (IPv4 only). */
    static String hostPort(InetSocketAddress address) {
        if (!(address.getAddress() instanceof Inet4Address v4)) {
            throw new IllegalArgumentException("PORT/SPOR h1,...,p2 needs IPv4: " + address);
        }
        byte[] a = v4.getAddress();
        return (a[0] & 0xff) + "," + (a[1] & 0xff) + "," + (a[2] & 0xff) + "," + (a[3] & 0xff) + ","
                + (address.getPort() >> 8) + "," + (address.getPort() & 0xff);
    }

    /** {@code |af|address|port|} (RFC 2428) for EPRT, and for SPOR over IPv6. */
    static String extendedHostPort(InetSocketAddress address) {
        int family = address.getAddress() instanceof Inet4Address ? 1 : 2;
        return "|" + family + "|" + address.getAddress().getHostAddress() + "|" + address.getPort() + "|";
    }

    // ---------------------------------------------------------------- writing (queued, in order)

    /** A 17-byte header, without payload; count and offset may lie on purpose. */
    void header(Socket socket, int descriptor, long count, long offset) {
        raw(socket, ModeEBlock.header(descriptor, count, offset));
    }

    /** A block carrying {@code length} bytes of {@code content} from {@code from}, at {@code offset}. */
    void block(Socket socket, int descriptor, long offset, byte[] content, int from, int length) {
        byte[] bytes = Arrays.copyOf(ModeEBlock.header(descriptor, length, offset), HEADER_BYTES + length);
        System.arraycopy(content, from, bytes, HEADER_BYTES, length);
        raw(socket, bytes);
    }

    /** An empty EOD block: this connection is done with the transfer (and stays cached). */
    void eod(Socket socket) {
        header(socket, EOD, 0, 0);
    }

    /** The EOF block with the EOD count, plus {@code extraBits} (EOD, CLOSE). */
    void eof(Socket socket, int extraBits, long eodCount) {
        header(socket, EOF | extraBits, 0, eodCount);
    }

    void raw(Socket socket, byte[] bytes) {
        queue(() -> {
            OutputStream out = socket.getOutputStream();
            out.write(bytes);
            out.flush();
        });
    }

    /** Sends FIN; the connection stays readable. */
    void shutdownOutput(Socket socket) {
        queue(socket::shutdownOutput);
    }

    /** Closes the connection with RST instead of FIN, as a crashed client would. */
    void reset(Socket socket) {
        queue(() -> {
            socket.setSoLinger(true, 0);
            socket.close();
        });
    }

    void pause(Duration pause) {
        queue(() -> {
            try {
                Thread.sleep(pause.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted", e);
            }
        });
    }

    /** Runs {@code step} when the queue reaches it (e.g. to note what has been sent so far). */
    void then(Runnable step) {
        queue(step::run);
    }

    /** Waits for every queued write; fails on an I/O error or if the server stops reading. */
    void flush(Duration timeout) {
        try {
            awaitWrites(timeout);
        } catch (ExecutionException e) {
            throw new AssertionError("writing to the data connections failed: " + e.getCause(), e.getCause());
        }
    }

    /** Waits for every queued write where the server may well close the connection under us. */
    void flushQuietly(Duration timeout) {
        try {
            awaitWrites(timeout);
        } catch (ExecutionException expected) {
            // The server is allowed to drop a data connection it has given up on.
        }
    }

    /** Waits for the queue; afterwards it starts afresh, also when a write failed. */
    private void awaitWrites(Duration timeout) throws ExecutionException {
        CompletableFuture<Void> pending;
        synchronized (this) {
            pending = writes;
            writes = CompletableFuture.completedFuture(null);
        }
        try {
            pending.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException stuck) {
            closeSockets();
            fail("the server stopped reading the data connections: writes not done after "
                    + timeout.toSeconds() + " s");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    private interface IoStep {
        void run() throws IOException;
    }

    private synchronized void queue(IoStep step) {
        writes = writes.thenRunAsync(() -> {
            try {
                step.run();
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }, writer);
    }

    // ---------------------------------------------------------------- planning uploads

    /**
     * Splits {@code ranges} into blocks of at most {@code blockSize} bytes, shuffled with
     * {@code seed}, each assigned to a random one of {@code connections}: out-of-order blocks
     * across streams, as a parallel sender produces them.
     */
    static List<Planned> plan(ByteRanges ranges, int blockSize, int connections, long seed) {
        List<long[]> blocks = new ArrayList<>();
        for (ByteRanges.Range range : ranges.list()) {
            for (long at = range.start(); at < range.end(); at += blockSize) {
                blocks.add(new long[] {at, Math.min(blockSize, range.end() - at)});
            }
        }
        Random random = new Random(seed);
        Collections.shuffle(blocks, random);
        List<Planned> plan = new ArrayList<>();
        for (int i = 0; i < blocks.size(); i++) {
            // The first blocks go round-robin so that every connection carries data.
            int connection = i < connections ? i : random.nextInt(connections);
            plan.add(new Planned(connection, blocks.get(i)[0], (int) blocks.get(i)[1]));
        }
        return plan;
    }

    /** Sends the planned blocks; {@code content[offset]} is the byte at block offset {@code offset}. */
    void send(List<Socket> connections, byte[] content, List<Planned> plan) {
        for (Planned block : plan) {
            block(connections.get(block.connection()), 0, block.offset(), content, (int) block.offset(),
                    block.length());
        }
    }

    /** Ends a transfer: EOD on every connection but the first, then EOF|EOD with the count on it. */
    void finish(List<Socket> connections) {
        for (int i = 1; i < connections.size(); i++) {
            eod(connections.get(i));
        }
        eof(connections.get(0), EOD, connections.size());
    }

    /** Sends {@code ranges} of {@code content} shuffled across the connections, then finishes. */
    void sendFile(List<Socket> connections, byte[] content, ByteRanges ranges, int blockSize, long seed) {
        send(connections, content, plan(ranges, blockSize, connections.size(), seed));
        finish(connections);
    }

    // ---------------------------------------------------------------- reading

    /** Reads one block; EOFException if the connection ends before or inside it. */
    ModeEBlock read(Socket socket) throws IOException {
        // One buffered stream per socket for its lifetime, so that bytes read ahead are not lost.
        DataInputStream in = inputs.computeIfAbsent(socket, s -> {
            try {
                return new DataInputStream(new BufferedInputStream(s.getInputStream()));
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        return ModeEBlock.readFrom(in);
    }

    /**
     * Reads every connection until it sends its EOD, all connections at once (the server writes
     * them in parallel); fails if that takes longer than {@code timeout}.
     */
    ModeEReceived receive(List<Socket> connections, Duration timeout) {
        List<CompletableFuture<List<ModeEBlock>>> reads = new ArrayList<>();
        for (Socket socket : connections) {
            reads.add(CompletableFuture.supplyAsync(() -> readUntilEod(socket), readers));
        }
        List<List<ModeEBlock>> blocks = new ArrayList<>();
        try {
            CompletableFuture.allOf(reads.toArray(CompletableFuture[]::new))
                    .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            for (CompletableFuture<List<ModeEBlock>> read : reads) {
                blocks.add(read.get());
            }
        } catch (TimeoutException stuck) {
            closeSockets();
            fail("no EOD on every data connection within " + timeout.toSeconds() + " s");
        } catch (ExecutionException e) {
            throw new AssertionError("reading the data connections failed: " + e.getCause(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
        return new ModeEReceived(blocks);
    }

    private List<ModeEBlock> readUntilEod(Socket socket) {
        List<ModeEBlock> blocks = new ArrayList<>();
        try {
            ModeEBlock block;
            do {
                block = read(socket);
                blocks.add(block);
            } while (!block.has(EOD));
            return blocks;
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("after " + blocks.size() + " blocks " + blocks, e);
        }
    }

    // ---------------------------------------------------------------- helpers

    private void closeSockets() {
        for (Socket socket : sockets) {
            try {
                socket.close();
            } catch (IOException ignored) {
                // Closing to unblock; nothing to report.
            }
        }
    }

    @Override
    public void close() throws IOException {
        closeSockets();
        if (listener != null) {
            listener.close();
        }
        writer.shutdownNow();
        readers.shutdownNow();
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        return runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        };
    }
}
