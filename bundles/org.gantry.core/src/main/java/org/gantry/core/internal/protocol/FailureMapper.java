package org.gantry.core.internal.protocol;

import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

import org.gantry.dsi.api.DsiException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Turns whatever a command failed with into its reply; unexpected failures are logged as bugs. */
public final class FailureMapper {

    private static final Logger LOG = LoggerFactory.getLogger(FailureMapper.class);

    private FailureMapper() {
    }

    public static Reply toReply(Throwable failure, String commandLine) {
        Throwable t = unwrap(failure);
        if (t instanceof FtpReplyException fre) {
            return fre.reply();
        }
        if (t instanceof DsiException de) {
            return DsiErrorMapper.toReply(de, null);
        }
        LOG.error("Bug: unexpected failure running '{}'", commandLine, t);
        return Replies.INTERNAL_ERROR;
    }

    /** Strips the wrappers that {@code CompletableFuture} adds. */
    public static Throwable unwrap(Throwable t) {
        Throwable current = t;
        while ((current instanceof CompletionException || current instanceof ExecutionException)
                && current.getCause() != null) {
            current = current.getCause();
        }
        return current;
    }
}
