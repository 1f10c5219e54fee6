package org.gantry.security.internal.gsi;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;

import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLEngineResult.HandshakeStatus;
import javax.net.ssl.SSLException;

/**
 * Drives an {@link SSLEngine} with whole tokens instead of a socket: TLS bytes in, TLS bytes out,
 * application data collected on the side. GSI carries the TLS records in ADAT and MIC/ENC/CONF
 * tokens, so there is no stream to read from; what a token leaves incomplete waits for the next.
 */
final class TlsEngineDriver {

    private static final ByteBuffer NOTHING = ByteBuffer.allocate(0);

    private final SSLEngine engine;
    private ByteBuffer netIn = ByteBuffer.allocate(0);
    private final ByteArrayOutputStream appIn = new ByteArrayOutputStream();
    private boolean handshakeFinished;

    TlsEngineDriver(SSLEngine engine) {
        this.engine = engine;
    }

    SSLEngine engine() {
        return engine;
    }

    /** The handshake completed (some result reported FINISHED). */
    boolean handshakeFinished() {
        return handshakeFinished;
    }

    /** Takes the application data received so far. */
    byte[] takeApplicationData() {
        byte[] data = appIn.toByteArray();
        appIn.reset();
        return data;
    }

    /** Processes received TLS bytes as far as they go; returns the TLS bytes to send back. */
    byte[] feed(byte[] tls) throws SSLException {
        append(tls);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteBuffer app = ByteBuffer.allocate(engine.getSession().getApplicationBufferSize());
        while (true) {
            HandshakeStatus status = engine.getHandshakeStatus();
            if (status == HandshakeStatus.NEED_TASK) {
                Runnable task;
                while ((task = engine.getDelegatedTask()) != null) {
                    task.run();
                }
            } else if (status == HandshakeStatus.NEED_WRAP) {
                wrapInto(NOTHING, out);
            } else {
                if (!netIn.hasRemaining()) {
                    return out.toByteArray();
                }
                SSLEngineResult result = engine.unwrap(netIn, app);
                note(result);
                switch (result.getStatus()) {
                    case BUFFER_UNDERFLOW:
                        return out.toByteArray(); // the rest of the record comes with the next token
                    case BUFFER_OVERFLOW:
                        app = grow(app, engine.getSession().getApplicationBufferSize());
                        break;
                    case CLOSED:
                        throw new SSLException("the peer closed the security context");
                    default:
                        app.flip();
                        appIn.write(app.array(), app.arrayOffset() + app.position(), app.remaining());
                        app.clear();
                }
            }
        }
    }

    /** Protects application data; returns the TLS records. */
    byte[] wrap(byte[] plain) throws SSLException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(plain.length + 64);
        ByteBuffer src = ByteBuffer.wrap(plain);
        do {
            wrapInto(src, out);
        } while (src.hasRemaining());
        return out.toByteArray();
    }

    private void wrapInto(ByteBuffer src, ByteArrayOutputStream out) throws SSLException {
        ByteBuffer net = ByteBuffer.allocate(engine.getSession().getPacketBufferSize());
        while (true) {
            SSLEngineResult result = engine.wrap(src, net);
            note(result);
            if (result.getStatus() == SSLEngineResult.Status.BUFFER_OVERFLOW) {
                net = grow(net, engine.getSession().getPacketBufferSize());
                continue;
            }
            if (result.getStatus() == SSLEngineResult.Status.CLOSED) {
                throw new SSLException("the security context is closed");
            }
            out.write(net.array(), 0, net.position());
            return;
        }
    }

    private void note(SSLEngineResult result) {
        if (result.getHandshakeStatus() == HandshakeStatus.FINISHED) {
            handshakeFinished = true;
        }
    }

    private void append(byte[] tls) {
        ByteBuffer joined = ByteBuffer.allocate(netIn.remaining() + tls.length);
        joined.put(netIn).put(tls).flip();
        netIn = joined;
    }

    private static ByteBuffer grow(ByteBuffer buffer, int atLeast) {
        ByteBuffer bigger = ByteBuffer.allocate(Math.max(atLeast, buffer.capacity() * 2));
        buffer.flip();
        bigger.put(buffer);
        return bigger;
    }
}
