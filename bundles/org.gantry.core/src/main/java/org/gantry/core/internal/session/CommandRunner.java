package org.gantry.core.internal.session;

import java.util.concurrent.CompletionStage;

import org.gantry.core.internal.protocol.FtpCommand;

/** Runs commands for sessions; implemented by the command dispatcher. */
public interface CommandRunner {

    /** Runs one command to its final reply; the stage completes after that reply is written. */
    CompletionStage<Void> run(Session session, FtpCommand command);

    /** Whether the command moves data (so ABOR and STAT may run beside it). */
    boolean isTransfer(FtpCommand command);

    /** Whether the command acts at once while a transfer runs instead of waiting its turn. */
    boolean runsDuringTransfer(FtpCommand command);

    /** Whether the command aborts transfers, also those still waiting their turn (ABOR). */
    boolean abortsTransfers(FtpCommand command);
}
