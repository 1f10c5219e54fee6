package org.gantry.dsi.api;

import java.util.concurrent.CompletionStage;

import org.osgi.annotation.versioning.ConsumerType;

/** A {@code SITE} sub-command contributed by a back-end, e.g. {@code SITE STAGE}. */
@ConsumerType
public interface SiteCommand {

    /** The sub-command verb in upper case, e.g. {@code STAGE}. */
    String name();

    /** One line of {@code SITE HELP} text, e.g. {@code STAGE <sp> timeout <sp> path}. */
    String help();

    /**
     * Runs the command for a session. {@code arguments} is the text after the verb; paths in it
     * are as the client wrote them: turn them into back-end paths with {@code paths}, before
     * changing anything. A path that another back-end serves fails to resolve; if that back-end
     * offers a command of the same name, the core then runs the command there instead.
     */
    CompletionStage<SiteReply> execute(DsiSession session, String arguments, PathResolver paths);
}
