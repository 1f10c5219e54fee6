package org.gantry.core.internal.command;

import java.util.concurrent.CompletionStage;

import org.gantry.core.internal.protocol.FtpCommand;
import org.gantry.core.internal.protocol.Reply;
import org.gantry.core.internal.session.Session;

/**
 * Runs one command and yields its final reply. Failures (thrown or as the stage's failure) are
 * turned into the reply by the dispatcher; preliminary replies (150) a handler writes itself.
 */
@FunctionalInterface
public interface CommandHandler {

    CompletionStage<Reply> handle(Session session, FtpCommand command) throws Exception;
}
