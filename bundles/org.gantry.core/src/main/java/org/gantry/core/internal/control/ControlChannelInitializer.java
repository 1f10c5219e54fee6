package org.gantry.core.internal.control;

import org.gantry.core.internal.protocol.Replies;
import org.gantry.core.internal.session.ServerContext;
import org.gantry.core.internal.session.ServerOptions;
import org.gantry.core.internal.session.Session;

import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.socket.SocketChannel;

/**
 * Builds the pipeline of one control connection. Inbound: (TLS after AUTH TLS), line framer, Telnet
 * filter, start-TLS switch, protection layer (RFC 2228 / GSI), command decoder, optional command
 * log, session handler. Outbound: the
 * protection layer sees {@link org.gantry.core.internal.protocol.Reply} objects and wraps each
 * line once GSI is established; the reply encoder next to the head writes the rest as text.
 * The command log sits behind the protection layer, so it records the plain dialogue.
 */
public final class ControlChannelInitializer extends ChannelInitializer<SocketChannel> {

    /** RFC 2228 protection: unwraps MIC/ENC/CONF lines in, wraps reply lines out. */
    public static final String SECURITY = "security";
    public static final String ENCODER = "reply-encoder";
    public static final String FRAMER = "line-framer";
    public static final String TELNET = "telnet";
    /** AUTH TLS: puts an SslHandler in front of everything once the 234 reply is out. */
    public static final String START_TLS = "start-tls";
    public static final String DECODER = "command-decoder";
    public static final String COMMAND_LOG = "command-log";
    public static final String SESSION = "session";

    private final ServerContext context;

    public ControlChannelInitializer(ServerContext context) {
        this.context = context;
    }

    @Override
    protected void initChannel(SocketChannel ch) {
        ServerOptions options = context.currentOptions();
        ChannelPipeline p = ch.pipeline();
        p.addLast(ENCODER, new ReplyEncoder());
        Session session = context.sessions().create(ch, context);
        if (session == null) {
            p.addLast(SESSION, new ChannelInboundHandlerAdapter() {
                @Override
                public void channelActive(ChannelHandlerContext ctx) {
                    ctx.writeAndFlush(Replies.TOO_MANY_SESSIONS).addListener(ChannelFutureListener.CLOSE);
                }
            });
            return;
        }
        p.addLast(FRAMER, new LineFramer(options.maxCommandLineLength()));
        p.addLast(TELNET, new TelnetFilter());
        p.addLast(START_TLS, new StartTls(session.id(), session.tls()));
        p.addLast(SECURITY, new ProtectedLines(session.id(), options.maxCommandLineLength(), session.gsi()::established));
        p.addLast(DECODER, new CommandDecoder());
        options.commandLogDirectory().map(dir -> CommandLog.open(dir, session.id()))
                .ifPresent(log -> p.addLast(COMMAND_LOG, new CommandLogHandler(log)));
        p.addLast(SESSION, new ControlHandler(session));
    }
}
