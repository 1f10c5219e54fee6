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
import org.gantry.security.api.GsiContext;
import org.gantry.security.api.GsiException;
import org.gantry.security.api.GsiService;
import org.gantry.security.api.UserAccount;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * USER, PASS, QUIT; after AUTH GSSAPI, USER names the account and the GSI identity is mapped to
 * it. Without AUTH TLS or GSI, the configured policy decides whether USER may go on to a password.
 */
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
        if (!passwordMayBeSent(session, name)) {
            LOG.info("session {}: plain login as {} refused from {}", session.id(), name,
                    session.clientAddress().getAddress().getHostAddress());
            return Commands.done(Replies.PLAIN_LOGIN_REFUSED);
        }
        session.pendingUser(name);
        return Commands.done(Replies.passwordRequired(name));
    }

    /**
     * Refused at USER, so that the client does not send the password at all: a password may
     * travel inside TLS or GSI, in clear only where the configured policy allows it.
     */
    private static boolean passwordMayBeSent(Session session, String name) {
        return session.tls().active() || session.gsi().established().isPresent()
                || session.server().authenticator().allowsPlainPassword(name, session.clientAddress().getAddress());
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
        Optional<GsiContext> gsi = session.gsi().established();
        if (gsi.isPresent()) {
            return gsiLogin(session, gsi.get(), user.get());
        }
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

    /** After AUTH GSSAPI the client's certificate identity decides; the password is ignored, as in GCT. */
    private CompletionStage<Reply> gsiLogin(Session session, GsiContext gsi, String requested) {
        Optional<GsiService> service = session.server().gsi().get();
        try {
            if (service.isEmpty()) {
                throw new GsiException("the security service is not running");
            }
            UserAccount account = service.get().authorize(gsi, requested);
            session.login(account);
            LOG.info("session {}: {} logged in as {} from {}", session.id(), gsi.peerIdentity(), account.name(),
                    session.clientAddress().getAddress().getHostAddress());
            return Commands.done(Replies.loggedIn(account.name()));
        } catch (GsiException e) {
            LOG.info("session {}: GSI login refused: {}", session.id(), e.getMessage());
            return Commands.done(Replies.gsiLoginRefused(e.getMessage()));
        }
    }

    private CompletionStage<Reply> quit(Session session, FtpCommand command) {
        return Commands.done(Replies.GOODBYE);
    }
}
