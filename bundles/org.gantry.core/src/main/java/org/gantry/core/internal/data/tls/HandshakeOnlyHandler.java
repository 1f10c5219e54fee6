package org.gantry.core.internal.data.tls;

import java.nio.ByteBuffer;

import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLEngineResult.HandshakeStatus;
import javax.net.ssl.SSLException;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.concurrent.Promise;

/**
 * Runs only the GSI context establishment of a data connection under {@code PROT C} (the TLS
 * handshake and the GSS bytes that follow it): after it, the data flows in clear on the same
 * connection. The peer may send its first clear bytes right behind its last
 * handshake record, so records are handed to the engine one at a time and nothing past the
 * handshake is ever given to it; those bytes go on down the pipeline when the handler leaves.
 */
final class HandshakeOnlyHandler extends ChannelInboundHandlerAdapter {

    private static final int RECORD_HEADER = 5;
    private static final ByteBuffer NOTHING = ByteBuffer.allocate(0);
    private static final byte[] ACCEPTOR_TOKEN = {0};
    private static final byte NO_DELEGATION = '0';

    private final SSLEngine engine;
    private final Promise<Void> done;
    private ByteBuf received;
    private ByteBuffer appScratch;
    private Step step = Step.HANDSHAKE;

    /** Where the GSS context establishment is: the TLS handshake, then one application byte each way. */
    private enum Step { HANDSHAKE, AWAIT_ACCEPTOR_TOKEN, AWAIT_DELEGATION_FLAG }

    HandshakeOnlyHandler(SSLEngine engine, Promise<Void> done) {
        this.engine = engine;
        this.done = done;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        received = ctx.alloc().heapBuffer();
        appScratch = ByteBuffer.allocate(engine.getSession().getApplicationBufferSize());
        try {
            engine.beginHandshake();
            advance(ctx);
        } catch (SSLException | RuntimeException e) {
            fail(ctx, e);
        }
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        if (received != null) {
            received.release();
            received = null;
        }
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        ByteBuf data = (ByteBuf) msg;
        try {
            if (done.isDone()) {
                ctx.fireChannelRead(data.retain());
                return;
            }
            received.writeBytes(data);
        } finally {
            data.release();
        }
        try {
            advance(ctx);
        } catch (SSLException | RuntimeException e) {
            fail(ctx, e);
        }
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        if (!done.isDone()) {
            ctx.read(); // auto-read is off on data connections; the handshake needs the next record
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        fail(ctx, new SSLException("the peer closed the data connection during the TLS handshake"));
        ctx.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        fail(ctx, cause);
    }

    /** Does every step the engine can do with what has arrived so far. */
    private void advance(ChannelHandlerContext ctx) throws SSLException {
        while (!done.isDone()) {
            if (step != Step.HANDSHAKE) {
                if (!unwrapOneRecord()) {
                    ctx.flush();
                    ctx.read();
                    return;
                }
                if (appScratch.position() > 0) {
                    applicationRecord(ctx);
                }
                continue;
            }
            HandshakeStatus status = engine.getHandshakeStatus();
            switch (status) {
                case NEED_TASK -> runTasks();
                case NEED_WRAP -> {
                    if (wrap(ctx, NOTHING).getHandshakeStatus() == HandshakeStatus.FINISHED) {
                        handshakeEnded(ctx);
                    }
                }
                case NEED_UNWRAP, NEED_UNWRAP_AGAIN -> {
                    if (!unwrapOneRecord()) {
                        ctx.flush();
                        ctx.read();
                        return;
                    }
                    if (appScratch.position() > 0) {
                        throw new SSLException("data arrived inside TLS during the handshake");
                    }
                }
                default -> handshakeEnded(ctx); // NOT_HANDSHAKING: the last step reported FINISHED
            }
        }
    }

    private void runTasks() {
        Runnable task;
        while ((task = engine.getDelegatedTask()) != null) {
            task.run();
        }
    }

    /** Wraps the next handshake message, or {@code src} once the handshake is over, and writes it. */
    private SSLEngineResult wrap(ChannelHandlerContext ctx, ByteBuffer src) throws SSLException {
        ByteBuf out = ctx.alloc().heapBuffer(engine.getSession().getPacketBufferSize());
        try {
            ByteBuffer net = out.nioBuffer(0, out.capacity());
            SSLEngineResult result = engine.wrap(src, net);
            if (result.getStatus() != SSLEngineResult.Status.OK) {
                throw new SSLException("TLS handshake could not continue: " + result.getStatus());
            }
            out.writerIndex(net.position());
            ctx.write(out.retain());
            return result;
        } finally {
            out.release();
        }
    }

    /**
     * Gives the engine exactly one complete record, so that it cannot consume clear data behind
     * the handshake; false if no complete record is there yet.
     */
    private boolean unwrapOneRecord() throws SSLException {
        if (received.readableBytes() < RECORD_HEADER) {
            return false;
        }
        int length = RECORD_HEADER + received.getUnsignedShort(received.readerIndex() + 3);
        if (received.readableBytes() < length) {
            return false;
        }
        ByteBuffer record = received.nioBuffer(received.readerIndex(), length);
        appScratch.clear();
        SSLEngineResult result = engine.unwrap(record, appScratch);
        received.skipBytes(record.position());
        if (result.getStatus() == SSLEngineResult.Status.CLOSED) {
            throw new SSLException("the peer closed TLS during the handshake");
        }
        return true;
    }

    /**
     * GSI is GSS, and a Globus peer finishes the GSS context on the data connection as on the
     * control channel: the initiator sends its delegation flag ({@code '0'}) as one byte of
     * application data. Under TLS 1.3 the initiator's Finished ends the handshake, but its GSS
     * layer first waits for one more token from the acceptor, one application byte.
     */
    private void handshakeEnded(ChannelHandlerContext ctx) throws SSLException {
        boolean tls13 = "TLSv1.3".equals(engine.getSession().getProtocol());
        if (engine.getUseClientMode()) {
            if (tls13) {
                step = Step.AWAIT_ACCEPTOR_TOKEN;
            } else {
                sendFlagAndFinish(ctx);
            }
        } else {
            if (tls13) {
                wrap(ctx, ByteBuffer.wrap(ACCEPTOR_TOKEN));
                ctx.flush();
            }
            step = Step.AWAIT_DELEGATION_FLAG;
        }
    }

    private void applicationRecord(ChannelHandlerContext ctx) throws SSLException {
        if (step == Step.AWAIT_ACCEPTOR_TOKEN) {
            sendFlagAndFinish(ctx);
        } else if (appScratch.get(0) == NO_DELEGATION) {
            finish(ctx);
        } else {
            throw new SSLException(String.format("unexpected delegation flag 0x%02x on a data connection",
                    appScratch.get(0) & 0xFF));
        }
    }

    private void sendFlagAndFinish(ChannelHandlerContext ctx) throws SSLException {
        wrap(ctx, ByteBuffer.wrap(new byte[] {NO_DELEGATION}));
        finish(ctx);
    }

    /** The handshake is over: what arrived behind it is clear data for the handlers after this one. */
    private void finish(ChannelHandlerContext ctx) {
        if (done.isDone()) {
            return;
        }
        ctx.flush();
        ByteBuf clear = received;
        received = null;
        done.trySuccess(null);
        ctx.pipeline().remove(this);
        if (clear.isReadable()) {
            ctx.fireChannelRead(clear);
            ctx.fireChannelReadComplete();
        } else {
            clear.release();
        }
    }

    private void fail(ChannelHandlerContext ctx, Throwable cause) {
        if (done.tryFailure(cause)) {
            ctx.close();
        }
    }
}
