package org.gantry.core.internal.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;

import org.junit.jupiter.api.Test;

class HostPortTest {

    @Test
    void portArgumentsRoundTrip() throws Exception {
        InetSocketAddress a = HostPort.parsePort("127,0,0,1,170,123");
        assertEquals(new InetSocketAddress("127.0.0.1", 170 * 256 + 123), a);
        assertEquals("127,0,0,1,170,123", HostPort.formatPasv((Inet4Address) InetAddress.getByName("127.0.0.1"),
                170 * 256 + 123));
        assertNull(HostPort.parsePort("127,0,0,1,256,1"));
        assertNull(HostPort.parsePort("a,b,c,d,e,f"));
    }

    @Test
    void eprtArguments() {
        assertEquals(new InetSocketAddress("::1", 5000), HostPort.parseEprt("|2|::1|5000|"));
        assertEquals(new InetSocketAddress("127.0.0.1", 5000), HostPort.parseEprt("!1!127.0.0.1!5000!"));
        assertNull(HostPort.parseEprt("|1|::1|5000|"));
        assertNull(HostPort.parseEprt("|1|example.org|5000|"));
        assertNull(HostPort.parseEprt("|1|127.0.0.1|5000"));
        assertThrows(IllegalArgumentException.class, () -> HostPort.parseEprt("|3|127.0.0.1|5000|"));
    }

    @Test
    void portRanges() {
        assertEquals(PortRange.EPHEMERAL, PortRange.parse(""));
        PortRange r = PortRange.parse("50000-50002");
        java.util.Set<Integer> tried = new java.util.HashSet<>();
        assertEquals(-1, r.firstAccepted(p -> !tried.add(p)));
        assertEquals(java.util.Set.of(50000, 50001, 50002), tried);
        assertThrows(IllegalArgumentException.class, () -> PortRange.parse("5-1"));
        assertThrows(IllegalArgumentException.class, () -> PortRange.parse("50000"));
    }
}
