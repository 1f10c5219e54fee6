package org.gantry.core.internal.session;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.UnknownHostException;

import org.junit.jupiter.api.Test;

class DataPeerPolicyTest {

    private static final InetAddress CLIENT = address("127.0.0.1");
    private static final InetAddress OTHER = address("127.0.0.3");

    private static InetAddress address(String text) {
        try {
            return InetAddress.getByName(text);
        } catch (UnknownHostException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void byDefaultOnlyTheClientsAddressIsAllowed() {
        DataPeerPolicy policy = DataPeerPolicy.CLIENT_ONLY;
        assertTrue(policy.mayConnectTo(CLIENT, CLIENT, false));
        assertTrue(policy.mayAccept(CLIENT, CLIENT, false));
        assertFalse(policy.mayConnectTo(OTHER, CLIENT, false), "PORT to another host");
        assertFalse(policy.mayAccept(OTHER, CLIENT, false), "passive connection from another host");
    }

    @Test
    void authenticatedDataChannelsMayInvolveOtherHosts() {
        assertTrue(DataPeerPolicy.CLIENT_ONLY.mayConnectTo(OTHER, CLIENT, true));
        assertTrue(DataPeerPolicy.CLIENT_ONLY.mayAccept(OTHER, CLIENT, true));
    }

    @Test
    void eachOptionLiftsOnlyItsOwnDirection() {
        DataPeerPolicy active = new DataPeerPolicy(true, false);
        assertTrue(active.mayConnectTo(OTHER, CLIENT, false));
        assertFalse(active.mayAccept(OTHER, CLIENT, false));
        DataPeerPolicy passive = new DataPeerPolicy(false, true);
        assertFalse(passive.mayConnectTo(OTHER, CLIENT, false));
        assertTrue(passive.mayAccept(OTHER, CLIENT, false));
    }

    @Test
    void anIpv4MappedAddressIsTheSameHost() throws UnknownHostException {
        byte[] mapped = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, (byte) 0xff, (byte) 0xff, 127, 0, 0, 1};
        InetAddress v6Client = java.net.Inet6Address.getByAddress(null, mapped, -1);
        assertTrue(DataPeerPolicy.sameHost(v6Client, CLIENT));
        assertTrue(DataPeerPolicy.sameHost(CLIENT, v6Client));
        assertFalse(DataPeerPolicy.sameHost(v6Client, OTHER));
    }

    @Test
    void ipv6LoopbackIsNotTheIpv4One() {
        assertFalse(DataPeerPolicy.sameHost(address("::1"), CLIENT));
        assertTrue(DataPeerPolicy.sameHost(address("::1"), address("0:0:0:0:0:0:0:1")));
    }

    @Test
    void anUnresolvedTargetIsNeverTheClient() {
        assertFalse(DataPeerPolicy.CLIENT_ONLY.mayConnectTo(null, CLIENT, false));
    }
}
