package org.gantry.security.internal.gsi;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;

/**
 * How a GSI peer frames its tokens, told from the first token (protocol.md §6.1): raw TLS records
 * (what current Globus clients send) or the legacy form with a 4-byte big-endian length before
 * each token. Replies are framed the way the client framed its first token.
 */
enum TokenFraming {

    /** Raw TLS records: self-delimiting, passed as they are. */
    RAW,
    /** Each token preceded by its length in 4 bytes, big-endian. */
    LENGTH_PREFIXED;

    /** Raw if the token starts like a TLS record or an SSLv2 ClientHello, else legacy when its length prefix fits. */
    static TokenFraming detect(byte[] token) {
        if (looksLikeTlsRecord(token) || looksLikeSslV2Hello(token)) {
            return RAW;
        }
        if (token.length >= 4) {
            long length = ByteBuffer.wrap(token, 0, 4).getInt() & 0xFFFFFFFFL;
            if (length > 0 && length <= token.length - 4) {
                return LENGTH_PREFIXED;
            }
        }
        return RAW; // let TLS reject it with a precise reason
    }

    /** Record types 20..26 (change_cipher_spec .. ack), protocol major version 3. */
    static boolean looksLikeTlsRecord(byte[] token) {
        return token.length >= 5 && token[0] >= 20 && token[0] <= 26 && token[1] == 3;
    }

    private static boolean looksLikeSslV2Hello(byte[] token) {
        return token.length >= 3 && (token[0] & 0x80) != 0 && token[2] == 1;
    }

    /** The TLS bytes inside a received token. */
    byte[] unframe(byte[] token) throws java.io.IOException {
        if (this == RAW) {
            return token;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(token.length);
        ByteBuffer in = ByteBuffer.wrap(token);
        while (in.hasRemaining()) {
            if (in.remaining() < 4) {
                throw new java.io.IOException("truncated length prefix in a legacy-framed GSI token");
            }
            int length = in.getInt();
            if (length < 0 || length > in.remaining()) {
                throw new java.io.IOException("legacy-framed GSI token announces " + (length & 0xFFFFFFFFL)
                        + " bytes but holds " + in.remaining());
            }
            out.write(token, in.position(), length);
            in.position(in.position() + length);
        }
        return out.toByteArray();
    }

    /** A token to send, framed like the client's. */
    byte[] frame(byte[] tls) {
        if (this == RAW || tls.length == 0) {
            return tls;
        }
        return ByteBuffer.allocate(4 + tls.length).putInt(tls.length).put(tls).array();
    }
}
