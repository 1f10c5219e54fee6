package org.gantry.core.internal;

import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.gantry.core.admin.ServerInfo;
import org.gantry.core.admin.ServerSettings;
import org.gantry.core.admin.SessionInfo;
import org.gantry.core.admin.SessionRegistry;
import org.gantry.core.internal.command.CommandSet;
import org.gantry.core.internal.control.ControlServer;
import org.gantry.core.internal.data.DataChannelFactory;
import org.gantry.core.internal.protocol.Replies;
import org.gantry.core.internal.session.ServerContext;
import org.gantry.core.internal.session.ServerOptions;
import org.gantry.core.internal.session.SessionManager;
import org.gantry.core.internal.storage.MountResolver;
import org.gantry.security.api.Authenticator;
import org.gantry.security.api.GsiService;
import org.gantry.security.api.TlsService;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;

/**
 * The GridFTP server: owns the thread pools and the control listener, applies configuration
 * changes (mounts at once, a new listen address by re-binding; sessions go on) and offers the
 * admin views. The bound control address is available as the {@link ServerInfo} service.
 */
@Component(immediate = true, configurationPid = ServerSettings.PID,
        service = { ServerInfo.class, SessionRegistry.class })
@Designate(ocd = GridFtpServerComponent.Config.class)
public class GridFtpServerComponent implements ServerInfo, SessionRegistry {

    @ObjectClassDefinition(name = "Gantry GridFTP server",
            description = "Control and data channels, mounts and limits of the GridFTP server.")
    public @interface Config {

        @AttributeDefinition(name = "Listen address", description = "Address of the control channel.")
        String listenAddress() default "127.0.0.1";

        @AttributeDefinition(name = "Port", description = "Control channel port; 0 picks a free port.")
        int port() default 2811;

        @AttributeDefinition(name = "Data bind address",
                description = "Where passive data listeners bind; empty: the control connection's local address.")
        String dataBindAddress() default "";

        @AttributeDefinition(name = "Advertised address",
                description = "The address named in passive replies (227); empty: the data bind address.")
        String advertisedAddress() default "";

        @AttributeDefinition(name = "Passive port range",
                description = "MIN-MAX, e.g. 50000-50999; empty: ephemeral ports.")
        String passivePortRange() default "";

        @AttributeDefinition(name = "Mounts",
                description = "PATH=DSI-NAME[|FALLBACK] entries; the longest matching path wins.")
        String[] mounts() default { "/=posix" };

        @AttributeDefinition(name = "Maximum command line length", description = "In bytes.")
        int maxCommandLineLength() default 4096;

        @AttributeDefinition(name = "Idle timeout (s)", description = "Idle control connections are closed.")
        int idleTimeoutSeconds() default 900;

        @AttributeDefinition(name = "Data timeout (s)",
                description = "A transfer without progress for this long is aborted.")
        int dataTimeoutSeconds() default 300;

        @AttributeDefinition(name = "Maximum sessions", description = "Concurrent control connections.")
        int maxSessions() default 200;

        @AttributeDefinition(name = "Command log", description = "Write one command log file per session.")
        boolean commandLog() default false;

        @AttributeDefinition(name = "Command log directory",
                description = "Where session-<id>.log files go; ${...} system properties are expanded.")
        String commandLogDirectory() default "${karaf.data}/log/sessions";

        @AttributeDefinition(name = "Banner", description = "Text of the 220 greeting.")
        String banner() default "Gantry GridFTP Server ready.";

        @AttributeDefinition(name = "Marker interval (s)",
                description = "How often 111 restart and 112 performance markers are sent while receiving "
                        + "in MODE E; clients may change it per session with TREV.")
        int markerIntervalSeconds() default 5;

        @AttributeDefinition(name = "Staging marker interval (s)",
                description = "How often a 112 performance marker (zero bytes) goes out while a download "
                        + "waits for its file to open, e.g. a recall from tape, so clients and firewalls keep "
                        + "the control connection; 0 sends none.")
        int stagingMarkerIntervalSeconds() default 30;

        @AttributeDefinition(name = "Maximum parallel streams",
                description = "The most MODE E data connections per stripe a client may ask for with "
                        + "OPTS RETR Parallelism; larger requests are capped.")
        int maxParallelism() default 64;

        @AttributeDefinition(name = "Zero-copy sends",
                description = "Send files with sendfile where the DSI offers a local file: the data "
                        + "never passes through the JVM, which saves the server's CPU on real networks. "
                        + "Receivers on a loopback address get copied data instead: they would pay for "
                        + "sendfile, copying page by page.")
        boolean zeroCopySends() default true;

        @AttributeDefinition(name = "GridFTP v2 GET/PUT",
                description = "List GETPUT in FEAT and accept GET and PUT, whose data endpoint is chosen "
                        + "per file. Clients that see it (globus-url-copy, gfal2 with GRIDFTP_V2) then use "
                        + "GET/PUT. Off by default: globus-url-copy 10.12 mishandles GET/PUT in pipelined "
                        + "(-pp) third-party copies, exiting early, sometimes with success and files missing.")
        boolean getPut() default false;

        @AttributeDefinition(name = "On-the-fly checksums",
                description = "Checksum algorithms (ADLER32, CRC32, CRC32C, MD5, SHA1, SHA256, SHA512) computed "
                        + "while an upload's data flows and stored with the file, so that CKSM answers without "
                        + "reading it again. The algorithm of an SCKS before the upload is computed as well. "
                        + "Empty: none.")
        String[] onTheFlyChecksums() default { "ADLER32" };

        @AttributeDefinition(name = "On-the-fly buffer (MiB)",
                description = "Memory per upload for MODE E blocks that arrive ahead of the contiguous data, "
                        + "which MD5 and the SHAs must digest in order. An upload that needs more does not get "
                        + "those digests stored (ADLER32 and the CRCs need no buffer).")
        int onTheFlyBufferMiB() default 64;

        @AttributeDefinition(name = "Active connections to other hosts",
                description = "Let PORT, EPRT, SPOR and GET/PUT port= name a host other than the client's. "
                        + "Off by default, as a PORT elsewhere lets clients use the server against third "
                        + "hosts (FTP bounce). Sessions whose data channels are authenticated (GSI with DCAU) "
                        + "may always; plain ftp third-party transfers between hosts need this on.")
        boolean portToOtherHosts() default false;

        @AttributeDefinition(name = "Passive connections from other hosts",
                description = "Let passive listeners accept data connections from a host other than the "
                        + "client's; off, such connections are closed and logged. Sessions whose data channels "
                        + "are authenticated (GSI with DCAU) always accept them; plain ftp third-party "
                        + "transfers between hosts need this on.")
        boolean passiveFromOtherHosts() default false;
    }

    private static final Logger LOG = LoggerFactory.getLogger(GridFtpServerComponent.class);

    @Reference
    Authenticator authenticator;

    @Reference
    MountResolver resolver;

    /** Optional and dynamic: the server runs without GSI and picks it up when it appears. */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    volatile GsiService gsi;

    /** Optional and dynamic like GSI: AUTH TLS is offered while the service is there. */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    volatile TlsService tls;

    private volatile ServerOptions options;
    private EventLoopGroup acceptors;
    private EventLoopGroup eventLoops;
    private ExecutorService commandPool;
    private SessionManager sessions;
    private ControlServer control;

    public GridFtpServerComponent() {
    }

    /** For use without a DS runtime (tests). */
    GridFtpServerComponent(Authenticator authenticator, MountResolver resolver) {
        this.authenticator = authenticator;
        this.resolver = resolver;
    }

    @Activate
    void activate(Config config) throws Exception {
        options = ConfigMapping.toOptions(config);
        resolver.setMounts(options.mounts());
        acceptors = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        eventLoops = new MultiThreadIoEventLoopGroup(0, NioIoHandler.newFactory());
        int threads = Math.max(16, 4 * Runtime.getRuntime().availableProcessors());
        ThreadPoolExecutor pool = new ThreadPoolExecutor(threads, threads, 60, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(), daemonThreads("gantry-command-"));
        pool.allowCoreThreadTimeOut(true);
        commandPool = pool;
        sessions = new SessionManager();
        resolver.addListener(sessions);
        ServerContext context = new ServerContext(() -> options, authenticator,
                () -> Optional.ofNullable(gsi), () -> Optional.ofNullable(tls), resolver, CommandSet.dispatcher(),
                commandPool, eventLoops, new DataChannelFactory(), sessions);
        control = new ControlServer(context, acceptors);
        try {
            InetSocketAddress bound = control.bind(options.listen());
            LOG.info("GridFTP server listening on {}:{}", bound.getAddress().getHostAddress(), bound.getPort());
        } catch (Exception e) {
            deactivate();
            throw e;
        }
    }

    @Modified
    void modified(Config config) throws UnknownHostException {
        ServerOptions previous = options;
        ServerOptions next = ConfigMapping.toOptions(config);
        resolver.setMounts(next.mounts());
        if (!next.sameListener(previous)) {
            try {
                InetSocketAddress bound = control.bind(next.listen());
                LOG.info("GridFTP server now listening on {}:{}", bound.getAddress().getHostAddress(),
                        bound.getPort());
            } catch (Exception e) {
                // Keep serving where we are; the rest of the new configuration still applies.
                LOG.error("Cannot listen on {}, still on {}: {}", next.listen(), controlAddress(), e.toString());
                next = next.withListen(previous.listen());
            }
        }
        options = next;
    }

    @Deactivate
    void deactivate() {
        if (control != null) {
            control.unbind();
        }
        if (sessions != null) {
            resolver.removeListener(sessions);
            try {
                sessions.closeAll(Replies.SHUTTING_DOWN).get(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (Exception e) {
                LOG.warn("Sessions did not close cleanly: {}", e.toString());
            }
        }
        if (commandPool != null) {
            commandPool.shutdown();
        }
        for (EventLoopGroup group : new EventLoopGroup[] { acceptors, eventLoops }) {
            if (group != null) {
                group.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
            }
        }
        LOG.info("GridFTP server stopped");
    }

    @Override
    public InetSocketAddress controlAddress() {
        ControlServer c = control;
        return c == null ? null : c.address();
    }

    @Override
    public List<SessionInfo> sessions() {
        return sessions == null ? List.of() : sessions.infos();
    }

    @Override
    public boolean kill(long id) {
        return sessions != null && sessions.kill(id);
    }

    private static ThreadFactory daemonThreads(String prefix) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, prefix + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
