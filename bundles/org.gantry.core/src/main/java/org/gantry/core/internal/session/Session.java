package org.gantry.core.internal.session;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.gantry.core.admin.SessionInfo;
import org.gantry.core.internal.data.tls.DataConnectionSecurity;
import org.gantry.core.internal.protocol.FtpCommand;
import org.gantry.core.internal.protocol.FtpReplyException;
import org.gantry.core.internal.protocol.Replies;
import org.gantry.core.internal.protocol.Reply;
import org.gantry.dsi.api.SessionContext;
import org.gantry.security.api.UserAccount;

import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.EventLoop;

/**
 * One control connection: who is logged in, where they are, the settings for the next transfer,
 * the DSI sessions in use and the transfer in flight. Commands change it one at a time (see
 * {@link CommandQueue}); the few fields read concurrently (ABOR, STAT, admin) are volatile.
 */
public final class Session {

    private final long id;
    private final Channel control;
    private final ServerContext server;
    private final Instant started = Instant.now();
    private final CommandQueue queue;
    private final DsiSessions dsiSessions;
    private final StorageAccess storage;
    private final TransferParameters parameters = new TransferParameters();
    private final Map<String, String> clientInfo = new ConcurrentHashMap<>();
    private final GsiLogin gsi = new GsiLogin();
    private final TlsLogin tls = new TlsLogin();
    private final DataChannelProtection dataProtection = new DataChannelProtection(tls::dataChannels);
    private volatile UserAccount account;
    private volatile String pendingUser;
    private volatile VirtualPaths paths = new VirtualPaths("/", "/");
    private volatile String lastCommand = "";
    private volatile long lastActivityNanos = System.nanoTime();
    private volatile TransferSlot transfer;
    private final Set<TransferSlot> transfers = ConcurrentHashMap.newKeySet();
    /** Long commands running now that keep the session from counting as idle (CKSM). */
    private final AtomicInteger activeWork = new AtomicInteger();
    private volatile boolean closed;
    private final Executor loopExecutor = this::runOnLoop;
    /** Event-loop confined: whether a deferred flush is already scheduled. */
    private boolean flushScheduled;

    Session(long id, Channel control, ServerContext server) {
        this.id = id;
        this.control = control;
        this.server = server;
        this.queue = new CommandQueue(this, server.commands());
        this.dsiSessions = new DsiSessions(this::dsiContext);
        this.storage = new StorageAccess(this);
    }

    public long id() {
        return id;
    }

    public ServerContext server() {
        return server;
    }

    public ServerOptions options() {
        return server.currentOptions();
    }

    /** The control connection's event loop, which the session's data connections share. */
    public EventLoop eventLoop() {
        return control.eventLoop();
    }

    /**
     * Runs work on the session's event loop: inline when already there, and inline as well once
     * the loop has shut down, so that a continuation is never lost. Back-end completions hop here
     * once instead of handing every reply and data-channel call over one by one.
     */
    public Executor onLoop() {
        return loopExecutor;
    }

    public InetSocketAddress clientAddress() {
        return (InetSocketAddress) control.remoteAddress();
    }

    public InetSocketAddress localAddress() {
        return (InetSocketAddress) control.localAddress();
    }

    // ---- control channel

    /** Called on the event loop for every command line, in order. */
    public void onCommand(FtpCommand command) {
        touch();
        if (!command.isRejected()) {
            lastCommand = command.verb();
        }
        queue.submit(command);
    }

    /** Writes a reply (thread-safe; replies from one thread keep their order). */
    public ChannelFuture reply(Reply reply) {
        touch();
        ChannelFuture f = control.writeAndFlush(reply);
        if (reply.closeAfter()) {
            f.addListener(ChannelFutureListener.CLOSE);
        }
        return f;
    }

    void readFromClient(boolean on) {
        control.config().setAutoRead(on);
    }

    /**
     * Writes a reply that may wait a moment ({@value #DEFER_MILLIS} ms) for company: the 150/125
     * of a small transfer then leaves with its 226 in one segment, which saves the client a
     * wake-up per file. A later {@link #reply} flushes it at once.
     */
    public void replySoon(Reply reply) {
        touch();
        control.write(reply);
        EventLoop loop = control.eventLoop();
        if (loop.inEventLoop()) {
            if (flushScheduled) {
                return;
            }
            flushScheduled = true;
        }
        loop.schedule(() -> {
            flushScheduled = false;
            control.flush();
        }, DEFER_MILLIS, TimeUnit.MILLISECONDS);
    }

    private void runOnLoop(Runnable task) {
        EventLoop loop = control.eventLoop();
        if (loop.inEventLoop()) {
            task.run();
            return;
        }
        try {
            loop.execute(task);
        } catch (RejectedExecutionException e) {
            task.run();
        }
    }

    static final long DEFER_MILLIS = 2;

    public boolean controlOpen() {
        return !closed && control.isActive();
    }

    /** Says goodbye with {@code farewell} (a closing reply) and closes the connection. */
    public void close(Reply farewell) {
        if (control.isActive()) {
            reply(farewell.closeAfter() ? farewell : farewell.thenClose());
        }
    }

    /** The control connection is gone: abort the transfer, then release everything. */
    public void disconnected() {
        if (closed) {
            return;
        }
        closed = true;
        queue.close();
        transfers.forEach(t -> t.abort(new FtpReplyException(Replies.CONTROL_CONNECTION_LOST)));
        queue.whenIdle().whenComplete((v, e) -> {
            parameters.close();
            dsiSessions.closeAll();
            server.sessions().remove(this);
        });
    }

    // ---- login state

    public boolean isLoggedIn() {
        return account != null;
    }

    public Optional<UserAccount> account() {
        return Optional.ofNullable(account);
    }

    public Optional<String> pendingUser() {
        return Optional.ofNullable(pendingUser);
    }

    public void pendingUser(String user) {
        this.pendingUser = user;
    }

    public void login(UserAccount user) {
        this.paths = new VirtualPaths(user.root(), user.home());
        this.account = user;
        this.pendingUser = null;
    }

    /** The GSI (AUTH GSSAPI) state of the control connection. */
    public GsiLogin gsi() {
        return gsi;
    }

    /** The explicit FTPS (AUTH TLS) state of the control connection. */
    public TlsLogin tls() {
        return tls;
    }

    /** DCAU and PROT, and what they make of new data connections. */
    public DataChannelProtection dataProtection() {
        return dataProtection;
    }

    /** What new data connections must go through before a transfer may use them. */
    public DataConnectionSecurity dataConnectionSecurity() {
        return dataProtection.forConnections(gsi.established());
    }

    public boolean readOnly() {
        UserAccount a = account;
        return a == null || a.readOnly();
    }

    public VirtualPaths paths() {
        return paths;
    }

    public Map<String, String> clientInfo() {
        return clientInfo;
    }

    // ---- storage and transfers

    public TransferParameters parameters() {
        return parameters;
    }

    public StorageAccess storage() {
        return storage;
    }

    public DsiSessions dsiSessions() {
        return dsiSessions;
    }

    /** A slot for a transfer command that has arrived; it may wait in the queue before it runs. */
    TransferSlot newTransfer(String verb) {
        TransferSlot slot = new TransferSlot(verb);
        transfers.add(slot);
        if (closed) {
            slot.abort(new FtpReplyException(Replies.CONTROL_CONNECTION_LOST));
        }
        return slot;
    }

    /** The transfer command of this slot starts running now. */
    void startTransfer(TransferSlot slot) {
        transfer = slot;
    }

    /** A transfer command that runs without having waited in the queue. */
    public TransferSlot beginTransfer(String verb) {
        TransferSlot slot = newTransfer(verb);
        startTransfer(slot);
        return slot;
    }

    /** Marks the end of a transfer command, after its final reply. */
    public void endTransfer(TransferSlot slot) {
        if (transfer == slot) {
            transfer = null;
        }
        transfers.remove(slot);
        touch();
        slot.finish();
    }

    /** The transfer command running now. */
    public Optional<TransferSlot> currentTransfer() {
        return Optional.ofNullable(transfer);
    }

    /** Transfer commands running or waiting to run. */
    public List<TransferSlot> transfersInFlight() {
        return List.copyOf(transfers);
    }

    // ---- activity and admin view

    private void touch() {
        lastActivityNanos = System.nanoTime();
    }

    /**
     * Idle: no transfer or long command running and nothing received or sent for longer than
     * {@code timeout}.
     */
    public boolean idleLongerThan(Duration timeout) {
        return transfers.isEmpty() && activeWork.get() == 0
                && System.nanoTime() - lastActivityNanos > timeout.toNanos();
    }

    /** Counts {@code work} as activity while it runs, and its end as the last activity. */
    public <T> CompletionStage<T> activeWhile(CompletionStage<T> work) {
        activeWork.incrementAndGet();
        return work.whenComplete((v, t) -> {
            touch();
            activeWork.decrementAndGet();
        });
    }

    public SessionInfo info() {
        InetSocketAddress client = clientAddress();
        String clientText = client == null ? "?" : client.getAddress().getHostAddress() + ":" + client.getPort();
        UserAccount a = account;
        TransferSlot t = transfer;
        return new SessionInfo(id, Optional.ofNullable(a).map(UserAccount::name), clientText, started,
                lastCommand, Optional.ofNullable(t).map(TransferSlot::describe));
    }

    private SessionContext dsiContext() {
        UserAccount a = account;
        return new SessionContext(a == null ? "" : a.name(), Optional.empty(), clientAddress(),
                a == null || a.readOnly(), Optional.empty(), Map.copyOf(clientInfo));
    }
}
