package org.gantry.core.internal.command;

import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

import org.gantry.core.internal.protocol.FtpCommand;
import org.gantry.core.internal.protocol.Replies;
import org.gantry.core.internal.protocol.Reply;
import org.gantry.core.internal.session.DataChannelProtection;
import org.gantry.core.internal.session.Session;
import org.gantry.security.api.DataProtection;
import org.gantry.security.api.DcauMode;
import org.gantry.security.api.AdatStep;
import org.gantry.security.api.GsiContext;
import org.gantry.security.api.GsiException;
import org.gantry.security.api.GsiService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * RFC 2228 with GSI: AUTH GSSAPI and ADAT drive the security context (the tokens go to the
 * security bundle untouched); PBSZ, PROT and DCAU set data channel protection (DCAU N/A/S, PROT
 * C/P; A and S need a GSI login, P needs DCAU A or S, or AUTH TLS). AUTH TLS is {@link TlsAuth}. MIC, ENC and CONF are
 * unwrapped by the control pipeline once a context is established; reaching these handlers
 * means there is none.
 */
final class SecurityCommands implements CommandFamily {

    private static final Logger LOG = LoggerFactory.getLogger(SecurityCommands.class);
    private static final long MAX_PBSZ = 0xFFFFFFFFL;

    @Override
    public List<CommandSpec> commands() {
        return List.of(
                CommandSpec.verb("AUTH").beforeLogin().help("AUTH <sp> GSSAPI | TLS").features(TlsAuth::features)
                        .handler(this::auth),
                CommandSpec.verb("ADAT").beforeLogin().help("ADAT <sp> base64-token").handler(this::adat),
                CommandSpec.verb("MIC").beforeLogin().help("MIC <sp> base64-token").handler(this::unexpectedWrap),
                CommandSpec.verb("ENC").beforeLogin().help("ENC <sp> base64-token").handler(this::unexpectedWrap),
                CommandSpec.verb("CONF").beforeLogin().help("CONF <sp> base64-token").handler(this::unexpectedWrap),
                CommandSpec.verb("PBSZ").help("PBSZ <sp> size").handler(this::pbsz),
                CommandSpec.verb("PROT").help("PROT <sp> C | P").handler(this::prot),
                CommandSpec.verb("DCAU").help("DCAU <sp> N | A | S <sp> subject").features(SecurityCommands::dcauFeature)
                        .handler(this::dcau));
    }

    /** DCAU is advertised only where it works: with GSI on, as Globus clients then use DCAU A by default. */
    private static List<String> dcauFeature(Session session) {
        return session.server().gsi().get().filter(GsiService::enabled).isPresent() ? List.of("DCAU") : List.of();
    }

    private CompletionStage<Reply> auth(Session session, FtpCommand command) {
        String mechanism = Commands.requireArgument(command).trim().toUpperCase(Locale.ROOT);
        if (TlsAuth.names(mechanism)) {
            return Commands.done(TlsAuth.start(session));
        }
        if (!mechanism.equals("GSSAPI")) {
            return Commands.done(Replies.authTypeUnknown(mechanism));
        }
        if (session.isLoggedIn()) {
            return Commands.done(Replies.ALREADY_LOGGED_IN);
        }
        if (session.gsi().established().isPresent() || session.tls().active()) {
            return Commands.done(Replies.ALREADY_AUTHENTICATED);
        }
        Optional<GsiService> gsi = session.server().gsi().get();
        if (gsi.isEmpty()) {
            return Commands.done(Replies.gsiUnavailable("the security service is not running"));
        }
        if (!gsi.get().enabled()) {
            return Commands.done(Replies.gsiUnavailable(gsi.get().disabledReason()));
        }
        try {
            session.gsi().start(gsi.get().newContext());
        } catch (GsiException e) {
            return Commands.done(Replies.gsiUnavailable(e.getMessage()));
        }
        return Commands.done(Replies.AUTH_GSSAPI_OK);
    }

    private CompletionStage<Reply> adat(Session session, FtpCommand command) {
        Optional<GsiContext> context = session.gsi().context();
        if (context.isEmpty()) {
            return Commands.done(Replies.AUTH_FIRST);
        }
        if (context.get().established()) {
            return Commands.done(Replies.ALREADY_AUTHENTICATED);
        }
        byte[] token;
        try {
            token = Base64.getDecoder().decode(Commands.requireArgument(command).trim());
        } catch (IllegalArgumentException e) {
            return Commands.done(Replies.BAD_ADAT);
        }
        try {
            AdatStep step = context.get().accept(token);
            String out = Base64.getEncoder().encodeToString(step.token());
            if (step.complete()) {
                LOG.info("session {}: GSI authenticated {}{}", session.id(), context.get().peerIdentity(),
                        context.get().delegatedSubject().map(s -> ", delegated " + s).orElse(""));
                return Commands.done(out.isEmpty() ? Replies.GSSAPI_OK : Replies.adat(true, out));
            }
            return Commands.done(Replies.adat(false, out));
        } catch (GsiException e) {
            // The context is spent; the client may start over with AUTH or leave.
            session.gsi().reset();
            LOG.info("session {}: GSI authentication failed from {}: {}", session.id(),
                    session.clientAddress().getAddress().getHostAddress(), e.getMessage());
            return Commands.done(Replies.gsiFailed(e.getMessage()));
        }
    }

    private CompletionStage<Reply> unexpectedWrap(Session session, FtpCommand command) {
        return Commands.done(Replies.WRAP_BEFORE_AUTH);
    }

    private CompletionStage<Reply> pbsz(Session session, FtpCommand command) {
        String value = Commands.requireArgument(command).trim();
        try {
            long size = Long.parseLong(value);
            if (size >= 0 && size <= MAX_PBSZ) {
                return Commands.done(Replies.pbszSet(size));
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        return Commands.done(Replies.badPbsz(value));
    }

    private CompletionStage<Reply> prot(Session session, FtpCommand command) {
        String level = Commands.requireArgument(command).trim().toUpperCase(Locale.ROOT);
        DataProtection protection = switch (level) {
            case "C" -> DataProtection.CLEAR;
            case "P" -> DataProtection.PRIVATE;
            default -> null;
        };
        if (protection == null) {
            return Commands.done(Replies.protectionNotSupported(level));
        }
        Optional<GsiContext> gsi = session.gsi().established();
        if (protection == DataProtection.PRIVATE && gsi.isEmpty() && !session.tls().active()) {
            return Commands.done(Replies.protectionNotSupported(level));
        }
        return Commands.done(changeProtection(session,
                session.dataProtection().protection(protection, gsi), Replies.protectionSet(level.charAt(0))));
    }

    private CompletionStage<Reply> dcau(Session session, FtpCommand command) {
        String argument = Commands.requireArgument(command).trim();
        String letter = argument.isEmpty() ? "" : argument.substring(0, 1).toUpperCase(Locale.ROOT);
        String subject = argument.length() > 1 ? unquote(argument.substring(1).trim()) : "";
        DcauMode mode = switch (letter) {
            case "N" -> argument.length() == 1 ? DcauMode.NONE : null;
            case "A" -> argument.length() == 1 ? DcauMode.SELF : null;
            case "S" -> subject.isEmpty() ? null : DcauMode.SUBJECT;
            default -> null;
        };
        if (mode == null) {
            return Commands.done(Replies.dcauNotSupported(argument));
        }
        if (mode != DcauMode.NONE && session.gsi().established().isEmpty()) {
            return Commands.done(Replies.dataProtectionRefused("DCAU " + letter + " needs a GSI (AUTH GSSAPI) login"));
        }
        Reply ok = switch (mode) {
            case NONE -> Replies.DCAU_N;
            case SELF -> Replies.DCAU_A;
            case SUBJECT -> Replies.dcauSubject(subject);
        };
        return Commands.done(changeProtection(session,
                session.dataProtection().dcau(mode, subject, session.gsi().established()), ok));
    }

    /**
     * Data connections made under an earlier choice must not carry the next transfer, so a
     * changed choice drops the data setup (as GFD.20 asks for cached MODE E connections).
     */
    private static Reply changeProtection(Session session, DataChannelProtection.Change change, Reply ok) {
        if (change.refused().isPresent()) {
            return Replies.dataProtectionRefused(change.refused().get());
        }
        if (change.changed()) {
            session.parameters().dataSetup(null);
        }
        return ok;
    }

    private static String unquote(String s) {
        return s.length() >= 2 && s.startsWith("\"") && s.endsWith("\"") ? s.substring(1, s.length() - 1) : s;
    }
}
