package org.gantry.core.internal.command;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import org.gantry.core.internal.protocol.FtpCommand;
import org.gantry.core.internal.protocol.FtpReplyException;
import org.gantry.core.internal.protocol.Replies;
import org.gantry.core.internal.protocol.Reply;

/** Small helpers shared by the command families. */
final class Commands {

    private Commands() {
    }

    static CompletionStage<Reply> done(Reply reply) {
        return CompletableFuture.completedFuture(reply);
    }

    /** The argument, or a 501 reply if there is none. */
    static String requireArgument(FtpCommand command) {
        if (!command.hasArgument()) {
            throw new FtpReplyException(Replies.SYNTAX_ERROR_ARGS);
        }
        return command.argument();
    }

    /** A non-negative decimal number, or a 501 reply. */
    static long parseSize(String text) {
        try {
            long value = Long.parseLong(text.trim());
            if (value >= 0) {
                return value;
            }
        } catch (NumberFormatException e) {
            // fall through
        }
        throw new FtpReplyException(Replies.SYNTAX_ERROR_ARGS);
    }
}
