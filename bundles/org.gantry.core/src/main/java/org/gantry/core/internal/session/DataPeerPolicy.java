package org.gantry.core.internal.session;

import java.net.InetAddress;
import java.util.Arrays;

/**
 * Which hosts a session's data connections may involve besides its client. By default only the
 * client's own address: a PORT to another host would let anyone use the server to attack or
 * probe third hosts (the FTP bounce of RFC 2577), and a passive listener that takes the first
 * connection from anywhere lets another host steal the data. Data channel authentication (GSI
 * with DCAU) proves who the peer is, so it lifts both limits; plain third-party transfers need
 * the configuration to lift them.
 *
 * @param portToOtherHosts      PORT, EPRT, SPOR and GET/PUT {@code port=} may name any host
 * @param passiveFromOtherHosts passive listeners accept connections from any host
 */
public record DataPeerPolicy(boolean portToOtherHosts, boolean passiveFromOtherHosts) {

    /** The default: data connections only to and from the client's address. */
    public static final DataPeerPolicy CLIENT_ONLY = new DataPeerPolicy(false, false);

    /**
     * Whether the server may connect to {@code target} for a client at {@code client}.
     *
     * @param authenticatedData whether the session's data connections authenticate their peer
     */
    public boolean mayConnectTo(InetAddress target, InetAddress client, boolean authenticatedData) {
        return portToOtherHosts || authenticatedData || sameHost(target, client);
    }

    /** Whether a passive listener may take a connection from {@code peer} for a client at {@code client}. */
    public boolean mayAccept(InetAddress peer, InetAddress client, boolean authenticatedData) {
        return passiveFromOtherHosts || authenticatedData || sameHost(peer, client);
    }

    /** Same address, also when one side is spelt as an IPv4-mapped IPv6 address (dual-stack sockets). */
    static boolean sameHost(InetAddress a, InetAddress b) {
        return a != null && b != null && Arrays.equals(plain(a.getAddress()), plain(b.getAddress()));
    }

    private static byte[] plain(byte[] raw) {
        if (raw.length != 16) {
            return raw;
        }
        for (int i = 0; i < 10; i++) {
            if (raw[i] != 0) {
                return raw;
            }
        }
        boolean mapped = raw[10] == (byte) 0xff && raw[11] == (byte) 0xff;
        return mapped ? Arrays.copyOfRange(raw, 12, 16) : raw;
    }
}
