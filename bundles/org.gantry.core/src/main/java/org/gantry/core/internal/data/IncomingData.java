package org.gantry.core.internal.data;

import io.netty.util.concurrent.EventExecutor;

/** The receiving side of a mode. Reads happen only when asked for, to bound memory. */
public interface IncomingData {

    /** The single thread all receiver callbacks run on. */
    EventExecutor executor();

    /** Starts delivery to {@code receiver} and asks for the first data. */
    void start(BlockReceiver receiver);

    /** Asks for more data once the engine has room for it. */
    void requestMore();

    /** Whether connections of an earlier transfer carry this one (reply 125 instead of 150). */
    default boolean reusesConnection() {
        return false;
    }

    /** Drops the connection(s) at once; no more callbacks follow. */
    void abort();

    /** Callbacks, all on {@link IncomingData#executor()}. */
    interface BlockReceiver {

        /** File data at an offset relative to the transfer's start; the receiver owns {@code data}. */
        void onBlock(long offset, io.netty.buffer.ByteBuf data);

        /** The current batch of reads is done; a good moment to ask for more. */
        void onReadComplete();

        /** The sender signalled the end of the data (orderly close in stream mode). */
        void onEnd();

        /** The connection failed (e.g. reset); the data is incomplete. */
        void onError(Throwable cause);
    }
}
