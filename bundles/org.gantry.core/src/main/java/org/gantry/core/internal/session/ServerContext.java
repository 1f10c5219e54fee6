package org.gantry.core.internal.session;

import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.function.Supplier;

import org.gantry.core.internal.data.DataChannelFactory;
import org.gantry.core.internal.storage.MountResolver;
import org.gantry.security.api.Authenticator;
import org.gantry.security.api.GsiService;
import org.gantry.security.api.TlsService;

import io.netty.channel.EventLoopGroup;

/**
 * What every session shares: configuration, services and thread pools.
 *
 * @param options       the configuration in force (read anew by each operation)
 * @param authenticator checks USER/PASS
 * @param gsi           GSI (AUTH GSSAPI), when the security bundle offers it
 * @param tls           explicit FTPS (AUTH TLS), when the security bundle offers it
 * @param resolver      the mount table and DSI registry
 * @param commands      runs commands
 * @param commandPool   the shared, bounded pool commands run on (serialised per session)
 * @param eventLoops    Netty event loops, also used for timers
 * @param dataChannels  passive listeners and active connectors
 * @param sessions      all live sessions
 */
public record ServerContext(
        Supplier<ServerOptions> options,
        Authenticator authenticator,
        Supplier<Optional<GsiService>> gsi,
        Supplier<Optional<TlsService>> tls,
        MountResolver resolver,
        CommandRunner commands,
        Executor commandPool,
        EventLoopGroup eventLoops,
        DataChannelFactory dataChannels,
        SessionManager sessions) {

    public ServerOptions currentOptions() {
        return options.get();
    }
}
