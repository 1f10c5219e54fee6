package org.gantry.core.internal.session;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import org.gantry.core.admin.Mount;
import org.gantry.core.internal.checksum.ChecksumSettings;
import org.gantry.core.internal.data.PortRange;

/**
 * The server configuration in checked, typed form. Immutable: a configuration change replaces
 * the whole object, and each new operation reads the one in force.
 *
 * @param listen              control channel address and port (0 = ephemeral)
 * @param dataBindAddress     where passive listeners bind; empty = the control connection's
 *                            local address
 * @param advertisedAddress   the address put in 227 replies; empty = the bind address
 * @param passivePorts        ports for passive listeners
 * @param mounts              the mount table
 * @param maxCommandLineLength longest accepted command line in bytes
 * @param idleTimeout         idle control connections are closed after this
 * @param dataTimeout         a transfer without progress for this long is aborted
 * @param maxSessions         concurrent control connections
 * @param commandLogDirectory where per-session command logs go, if enabled
 * @param banner              the 220 greeting
 * @param markerInterval      how often 111/112 markers go out during MODE E receives
 * @param stagingMarkerInterval how often 112 markers go out while a download waits for its file
 *                            to open (a recall from tape); zero sends none
 * @param maxParallelism      the most MODE E connections per stripe a client may ask for
 * @param zeroCopySends       send files with sendfile where the DSI offers a local file
 * @param getPut              offer GridFTP v2 GET/PUT (FEAT {@code GETPUT}) and accept them
 * @param checksums           checksums computed while uploads flow
 * @param dataPeers           which hosts other than the client data connections may involve
 */
public record ServerOptions(
        InetSocketAddress listen,
        Optional<InetAddress> dataBindAddress,
        Optional<InetAddress> advertisedAddress,
        PortRange passivePorts,
        List<Mount> mounts,
        int maxCommandLineLength,
        Duration idleTimeout,
        Duration dataTimeout,
        int maxSessions,
        Optional<Path> commandLogDirectory,
        String banner,
        Duration markerInterval,
        Duration stagingMarkerInterval,
        int maxParallelism,
        boolean zeroCopySends,
        boolean getPut,
        ChecksumSettings checksums,
        DataPeerPolicy dataPeers) {

    public ServerOptions {
        mounts = List.copyOf(mounts);
        if (maxCommandLineLength < 64) {
            throw new IllegalArgumentException("maxCommandLineLength must be at least 64");
        }
    }

    /** The address passive listeners bind to, for a control connection on {@code controlLocal}. */
    public InetAddress dataBind(InetAddress controlLocal) {
        return dataBindAddress.orElse(controlLocal);
    }

    /** The address a passive reply names, for a listener bound to {@code bind}. */
    public InetAddress advertised(InetAddress bind) {
        return advertisedAddress.orElse(bind);
    }

    /** The same options with another listen address (to keep the one in force). */
    public ServerOptions withListen(InetSocketAddress address) {
        return new ServerOptions(address, dataBindAddress, advertisedAddress, passivePorts, mounts,
                maxCommandLineLength, idleTimeout, dataTimeout, maxSessions, commandLogDirectory, banner,
                markerInterval, stagingMarkerInterval, maxParallelism, zeroCopySends, getPut, checksums, dataPeers);
    }

    /** Whether a change from {@code other} to this needs the control listener re-bound. */
    public boolean sameListener(ServerOptions other) {
        return other != null && listen.equals(other.listen);
    }
}
