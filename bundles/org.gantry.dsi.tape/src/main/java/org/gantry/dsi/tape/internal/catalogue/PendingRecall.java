package org.gantry.dsi.tape.internal.catalogue;

import java.time.Instant;
import java.util.List;

/**
 * A recall that was asked for and has not finished; kept in the catalogue so that a restart
 * resumes it.
 *
 * @param fileId    the file to bring back to disk
 * @param requester who asked first
 * @param priority  the request's priority
 * @param requested when it was first asked for
 */
public record PendingRecall(long fileId, String requester, int priority, Instant requested) {

    static final String ADDED = "Q";
    static final String ENDED = "q";

    List<String> toRecord() {
        return List.of(ADDED, Long.toString(fileId), requester, Integer.toString(priority), requested.toString());
    }

    static PendingRecall fromRecord(List<String> f) {
        return new PendingRecall(Long.parseLong(f.get(1)), f.get(2), Integer.parseInt(f.get(3)), Instant.parse(f.get(4)));
    }

    static List<String> endRecord(long fileId) {
        return List.of(ENDED, Long.toString(fileId));
    }
}
