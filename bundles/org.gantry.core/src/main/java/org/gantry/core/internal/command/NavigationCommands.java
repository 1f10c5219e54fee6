package org.gantry.core.internal.command;

import java.util.List;
import java.util.concurrent.CompletionStage;

import org.gantry.core.internal.protocol.Replies;
import org.gantry.core.internal.protocol.Reply;
import org.gantry.core.internal.session.Session;
import org.gantry.core.internal.session.StorageAccess;
import org.gantry.core.internal.session.Target;
import org.gantry.dsi.api.NotDirectoryException;

/** PWD, CWD, CDUP. */
final class NavigationCommands implements CommandFamily {

    @Override
    public List<CommandSpec> commands() {
        return List.of(
                CommandSpec.verb("PWD").help("PWD (return current directory)")
                        .handler((s, c) -> Commands.done(Replies.currentDirectory(s.paths().cwd()))),
                CommandSpec.verb("CWD").help("CWD <sp> directory-name")
                        .handler((s, c) -> changeTo(s, Commands.requireArgument(c))),
                CommandSpec.verb("CDUP").help("CDUP (change to parent directory)")
                        .handler((s, c) -> changeTo(s, "..")));
    }

    private CompletionStage<Reply> changeTo(Session session, String path) {
        Target target = session.storage().target(path);
        return session.storage().call(target, (ds, p) -> ds.stat(p, true)).thenApply(info -> {
            if (!info.isDirectory()) {
                throw StorageAccess.mapFailure(target, new NotDirectoryException(target.userPath()));
            }
            session.paths().changeTo(target.userPath());
            return Replies.CWD_OK;
        });
    }
}
