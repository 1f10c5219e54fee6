package org.gantry.core.internal.command;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;

import org.gantry.core.internal.protocol.FtpCommand;
import org.gantry.core.internal.protocol.Replies;
import org.gantry.core.internal.protocol.Reply;
import org.gantry.core.internal.session.Session;
import org.gantry.security.api.UserAccount;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** USER, PASS, QUIT. */
final class LoginCommands implements CommandFamily {

    private static final Logger LOG = LoggerFactory.getLogger(LoginCommands.class);

    /** Added to whatever the authenticator spends, so that failures cannot be told apart by time. */
    static final long FAILURE_DELAY_MILLIS = 300;

    @Override
    public List<CommandSpec> commands() {
        return List.of(
                CommandSpec.verb("USER").beforeLogin().help("USER <sp> username").handler(this::user),
                CommandSpec.verb("PASS").beforeLogin().help("PASS <sp> password").handler(this::pass),
                CommandSpec.verb("QUIT").beforeLogin().help("QUIT (terminate service)").handler(this::quit));
    }

    private CompletionStage<Reply> user(Session session, FtpCommand command) {
        if (session.isLoggedIn()) {
            return Commands.done(Replies.ALREADY_LOGGED_IN);
        }
        String name = Commands.requireArgument(command).trim();
        session.pendingUser(name);
        return Commands.done(Replies.passwordRequired(name));
    }

    private CompletionStage<Reply> pass(Session session, FtpCommand command) {
        if (session.isLoggedIn()) {
            return Commands.done(Replies.ALREADY_LOGGED_IN);
        }
        Optional<String> user = session.pendingUser();
        if (user.isEmpty()) {
            return Commands.done(Replies.USER_FIRST);
        }
        session.pendingUser(null);
        char[] password = command.argument().toCharArray();
        Optional<UserAccount> account = session.server().authenticator().authenticate(user.get(), password);
        java.util.Arrays.fill(password, '\0');
        if (account.isEmpty()) {
            LOG.info("session {}: login failed for {} from {}", session.id(), user.get(),
                    session.clientAddress().getAddress().getHostAddress());
            return CompletableFuture.supplyAsync(() -> Replies.LOGIN_INCORRECT,
                    CompletableFuture.delayedExecutor(FAILURE_DELAY_MILLIS, TimeUnit.MILLISECONDS));
        }
        session.login(account.get());
        LOG.info("session {}: {} logged in from {}", session.id(), account.get().name(),
                session.clientAddress().getAddress().getHostAddress());
        return Commands.done(Replies.loggedIn(user.get()));
    }

    private CompletionStage<Reply> quit(Session session, FtpCommand command) {
        return Commands.done(Replies.GOODBYE);
    }
}
