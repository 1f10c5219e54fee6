package org.gantry.dsi.support;

import java.nio.ByteBuffer;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.zip.Adler32;
import java.util.zip.CRC32;
import java.util.zip.CRC32C;
import java.util.zip.Checksum;

/**
 * The 32-bit checksums whose values over adjacent pieces combine into the value over both (see
 * {@link ChecksumCombine}), so pieces may be summed in any order and joined later.
 */
public enum CombinableChecksum {

    ADLER32(Adler32::new) {
        @Override
        public long combine(long first, long second, long secondLength) {
            return ChecksumCombine.adler32(first, second, secondLength);
        }
    },
    CRC32(CRC32::new) {
        @Override
        public long combine(long first, long second, long secondLength) {
            return ChecksumCombine.crc32(first, second, secondLength);
        }
    },
    CRC32C(CRC32C::new) {
        @Override
        public long combine(long first, long second, long secondLength) {
            return ChecksumCombine.crc32c(first, second, secondLength);
        }
    };

    private final Supplier<Checksum> factory;

    CombinableChecksum(Supplier<Checksum> factory) {
        this.factory = factory;
    }

    /** The algorithm for a wire token (case-insensitive), if it is one of these. */
    public static Optional<CombinableChecksum> forToken(String token) {
        String upper = token == null ? "" : token.toUpperCase(Locale.ROOT);
        for (CombinableChecksum c : values()) {
            if (c.name().equals(upper)) {
                return Optional.of(c);
            }
        }
        return Optional.empty();
    }

    /** The value over the remaining bytes of {@code data}, which it consumes. */
    public long of(ByteBuffer data) {
        Checksum checksum = factory.get();
        checksum.update(data);
        return checksum.getValue();
    }

    /** The value over no bytes at all (ADLER32: 1, the CRCs: 0). */
    public long empty() {
        return factory.get().getValue();
    }

    /** The value over A followed by B. */
    public abstract long combine(long first, long second, long secondLength);

    /** The wire form: exactly 8 lower-case hex digits. */
    public static String hex(long value) {
        return String.format("%08x", value);
    }
}
