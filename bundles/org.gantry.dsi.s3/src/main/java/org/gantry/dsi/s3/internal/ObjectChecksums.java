package org.gantry.dsi.s3.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.util.function.LongConsumer;

import org.gantry.dsi.api.DsiException;
import org.gantry.dsi.api.StorageUnavailableException;
import org.gantry.dsi.support.ChecksumAlgorithm;

/** Checksums computed from bytes in memory or read from the store. */
final class ObjectChecksums {

    private static final int BUFFER = 1 << 20;

    private ObjectChecksums() {
    }

    static String ofBytes(String algorithm, byte[] data, int length) throws DsiException {
        ChecksumAlgorithm.Calculator calculator = ChecksumAlgorithm.create(algorithm);
        calculator.update(ByteBuffer.wrap(data, 0, length));
        return calculator.value();
    }

    /**
     * Reads {@code [offset, end)} of the object (which must still have {@code etag}) once and
     * computes its checksum, telling {@code progress} the bytes of each read as it goes.
     */
    static String compute(ObjectStore store, String path, S3Location at, String etag, String algorithm, long offset,
            long end, LongConsumer progress) throws DsiException {
        ChecksumAlgorithm.Calculator calculator = ChecksumAlgorithm.create(algorithm);
        if (end <= offset) {
            return calculator.value();
        }
        byte[] buffer = new byte[BUFFER];
        try (InputStream in = store.get(path, at, offset, end, etag)) {
            for (int n; (n = in.readNBytes(buffer, 0, buffer.length)) > 0;) {
                calculator.update(ByteBuffer.wrap(buffer, 0, n));
                progress.accept(n);
            }
        } catch (IOException e) {
            throw new StorageUnavailableException(path + ": reading the object for its checksum failed: " + e.getMessage(), e);
        }
        return calculator.value();
    }
}
