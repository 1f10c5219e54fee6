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
 * Builds the pipeline of one control connection. Inbound: line framer, Telnet filter, command
 * decoder, optional command log, session handler. Outbound: the reply encoder sits next to the
 * head, so a security layer added in front of the framer (RFC 2228 / GSI) sees plain lines in
 * both directions and can unwrap commands and wrap each reply line.
 */
public final class ControlChannelInitializer extends ChannelInitializer<SocketChannel> {

    /** Where a security handler goes: {@code pipeline.addBefore(FRAMER, SECURITY, handler)}. */
    public static final String SECURITY = "security";
    public static final String ENCODER = "reply-encoder";
    public static final String FRAMER = "line-framer";
    public static final String TELNET = "telnet";
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
        p.addLast(DECODER, new CommandDecoder());
        options.commandLogDirectory().map(dir -> CommandLog.open(dir, session.id()))
                .ifPresent(log -> p.addLast(COMMAND_LOG, new CommandLogHandler(log)));
        p.addLast(SESSION, new ControlHandler(session));
    }
}
