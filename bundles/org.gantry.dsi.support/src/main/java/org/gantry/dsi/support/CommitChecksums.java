package org.gantry.dsi.support;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.gantry.dsi.api.Checksum;
import org.gantry.dsi.api.ChecksumMismatchException;
import org.gantry.dsi.api.CommitInfo;
import org.gantry.dsi.api.DsiException;
import org.gantry.dsi.api.WriteRequest;

/**
 * What a DSI's commit does with checksums: check the upload against its SCKS value (with the
 * core's value where it computed one, else by reading the written data once) and return the
 * checksums to store with the file.
 */
public final class CommitChecksums {

    /** Computes a checksum by reading the written data. */
    @FunctionalInterface
    public interface Reader<E extends Exception> {
        /** The value of the whole upload for {@code algorithm}, in wire form. */
        String compute(String algorithm) throws E, DsiException;
    }

    private CommitChecksums() {
    }

    /**
     * @param dsiPath names the upload in the failure message
     * @return the core's checksums plus the SCKS algorithm's value if the core had none
     * @throws ChecksumMismatchException if the upload does not have the SCKS value
     */
    public static <E extends Exception> List<Checksum> verified(String dsiPath, WriteRequest request,
            CommitInfo info, Reader<E> reader) throws E, DsiException {
        List<Checksum> checksums = new ArrayList<>(info.checksums());
        if (request.expectedChecksum().isEmpty()) {
            return checksums;
        }
        Checksum expected = request.expectedChecksum().get();
        Optional<String> known = checksums.stream().filter(c -> c.algorithm().equals(expected.algorithm()))
                .map(Checksum::value).findFirst();
        String actual = known.isPresent() ? known.get() : reader.compute(expected.algorithm());
        if (!actual.equals(expected.value())) {
            throw new ChecksumMismatchException(dsiPath + ": " + expected.algorithm() + " of the upload is " + actual
                    + ", expected " + expected.value());
        }
        if (known.isEmpty()) {
            checksums.add(new Checksum(expected.algorithm(), actual));
        }
        return checksums;
    }
}
