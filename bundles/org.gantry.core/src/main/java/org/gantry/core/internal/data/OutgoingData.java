package org.gantry.core.internal.data;

import java.util.concurrent.CompletionStage;

import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBuf;
import io.netty.util.concurrent.EventExecutor;

/** The sending side of a mode. All methods are called on {@link #executor()}. */
public interface OutgoingData {

    /** The single thread the transfer engine confines its state to. */
    EventExecutor executor();

    ByteBufAllocator alloc();

    /**
     * Sends a block of file data at {@code offset} (relative to the transfer's start); takes
     * ownership of {@code data}. Completes once the bytes are handed to the network, which is the
     * engine's back-pressure; fails if the peer went away.
     */
    CompletionStage<Void> send(ByteBuf data, long offset);

    /**
     * Sends {@code count} bytes of {@code file} from {@code position} straight from the file
     * (sendfile), framed as a block at {@code offset}. The channel stays open.
     */
    CompletionStage<Void> sendFile(java.nio.channels.FileChannel file, long position, int count, long offset);

    /**
     * Whether the receiver is on a loopback address. It then pays for sendfile: it copies the
     * page-cache fragments one by one, which costs it more than the server's own copy would.
     */
    default boolean receiverOnLoopback() {
        return false;
    }

    /** Whether the data goes through TLS ({@code PROT P}), which can only take bytes from buffers. */
    default boolean encrypts() {
        return false;
    }

    /** How many blocks the engine should keep in flight to keep every connection busy. */
    default int blocksInFlight() {
        return 4;
    }

    /**
     * Whether {@link #finish} may be called while blocks are still on their way: the end then
     * follows them. Stream mode ends by closing, which would cut them off.
     */
    default boolean endsAfterQueuedData() {
        return false;
    }

    /** Whether connections of an earlier transfer carry this one (reply 125 instead of 150). */
    default boolean reusesConnection() {
        return false;
    }

    /** Signals the end of the data and completes when the receiver can see it. */
    CompletionStage<Void> finish();

    /** Drops the connection(s) at once. */
    void abort();
}
