package org.gantry.core.internal.command;

import java.util.concurrent.CompletionStage;

import org.gantry.core.internal.protocol.FtpReplyException;
import org.gantry.core.internal.protocol.Replies;
import org.gantry.core.internal.protocol.Reply;
import org.gantry.core.internal.session.Session;
import org.gantry.core.internal.session.Target;
import org.gantry.core.internal.session.VirtualPaths;

/**
 * SITE SYMLINK target link (the Globus client's form) and the two-step SITE SYMLINKFROM target,
 * SITE SYMLINKTO link (dCache's). The target is a client path like any other: resolved against
 * the link's directory when relative, kept inside the user's root, and on the link's storage.
 */
final class SiteSymlinks {

    private SiteSymlinks() {
    }

    /** {@code target link}: the target may not contain a space, the link may. */
    static CompletionStage<Reply> symlink(Session session, String args) {
        String[] parts = args.split(" ", 2);
        if (parts.length < 2 || parts[0].isEmpty() || parts[1].isEmpty()) {
            return Commands.done(Replies.SYNTAX_ERROR_ARGS);
        }
        return create(session, parts[0], parts[1]);
    }

    static CompletionStage<Reply> symlinkFrom(Session session, String target) {
        if (target.isEmpty()) {
            return Commands.done(Replies.SYNTAX_ERROR_ARGS);
        }
        session.parameters().symlinkFrom(target);
        return Commands.done(Replies.SYMLINKFROM_OK);
    }

    static CompletionStage<Reply> symlinkTo(Session session, String link) {
        String target = session.parameters().symlinkFrom();
        session.parameters().symlinkFrom(null);
        if (target == null) {
            return Commands.done(Replies.BAD_SEQUENCE_REPLY);
        }
        if (link.isEmpty()) {
            return Commands.done(Replies.SYNTAX_ERROR_ARGS);
        }
        return create(session, target, link);
    }

    private static CompletionStage<Reply> create(Session session, String targetText, String linkText) {
        if (session.readOnly()) {
            throw new FtpReplyException(Replies.PERMISSION_DENIED);
        }
        Target link = session.storage().target(linkText);
        if (!link.entry().dsi().capabilities().symlinks()) {
            throw new FtpReplyException(Replies.NOT_IMPLEMENTED, "Symbolic links are not supported by this storage.");
        }
        // Relative to the link's directory; resolving drops the doubled slash below the root.
        Target target = session.storage().target(targetText.startsWith("/")
                ? targetText : VirtualPaths.parent(link.userPath()) + "/" + targetText);
        if (!target.entry().equals(link.entry())) {
            return Commands.done(Reply.of(Replies.NAME_NOT_ALLOWED, "Cannot link across storage systems."));
        }
        return session.storage().call(link, (ds, p) -> ds.symlink(target.dsiPath(), p)).thenApply(v -> Replies.OK_DOT);
    }
}
