package org.gantry.core.internal.data;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.UnknownHostException;

/** Parsing and formatting of the address arguments of PORT/PASV (RFC 959) and EPRT (RFC 2428). */
public final class HostPort {

    private HostPort() {
    }

    /** {@code h1,h2,h3,h4,p1,p2}; null if malformed. */
    public static InetSocketAddress parsePort(String text) {
        String[] parts = text.trim().split(",");
        if (parts.length != 6) {
            return null;
        }
        byte[] address = new byte[4];
        int[] values = new int[6];
        for (int i = 0; i < 6; i++) {
            try {
                values[i] = Integer.parseInt(parts[i].trim());
            } catch (NumberFormatException e) {
                return null;
            }
            if (values[i] < 0 || values[i] > 255) {
                return null;
            }
            if (i < 4) {
                address[i] = (byte) values[i];
            }
        }
        try {
            return new InetSocketAddress(InetAddress.getByAddress(address), values[4] * 256 + values[5]);
        } catch (UnknownHostException e) {
            return null;
        }
    }

    /** {@code h1,h2,h3,h4,p1,p2} for a 227 reply; the address must be IPv4. */
    public static String formatPasv(Inet4Address address, int port) {
        byte[] b = address.getAddress();
        return (b[0] & 0xff) + "," + (b[1] & 0xff) + "," + (b[2] & 0xff) + "," + (b[3] & 0xff) + ","
                + (port >> 8) + "," + (port & 0xff);
    }

    /** Whether a socket address (as Netty reports a peer) is on a loopback address. */
    public static boolean isLoopback(SocketAddress address) {
        return address instanceof InetSocketAddress inet && inet.getAddress() != null
                && inet.getAddress().isLoopbackAddress();
    }

    /** The protocol family number of RFC 2428: 1 for IPv4, 2 for IPv6. */
    public static int family(InetAddress address) {
        return address instanceof Inet6Address ? 2 : 1;
    }

    /**
     * {@code <d>af<d>addr<d>port<d>}, any delimiter.
     *
     * @return the address, or null if malformed
     * @throws IllegalArgumentException if the family is neither 1 nor 2
     */
    public static InetSocketAddress parseEprt(String text) {
        String s = text.trim();
        if (s.length() < 7) {
            return null;
        }
        char d = s.charAt(0);
        if (d < 33 || d > 126 || s.charAt(s.length() - 1) != d) {
            return null;
        }
        String[] parts = s.substring(1, s.length() - 1).split(java.util.regex.Pattern.quote(String.valueOf(d)), -1);
        if (parts.length != 3) {
            return null;
        }
        if (!parts[0].equals("1") && !parts[0].equals("2")) {
            throw new IllegalArgumentException("unsupported family " + parts[0]);
        }
        try {
            int port = Integer.parseInt(parts[2]);
            if (port < 1 || port > 65535 || !looksNumeric(parts[1])) {
                return null;
            }
            InetAddress address = InetAddress.getByName(parts[1]);
            if (family(address) != Integer.parseInt(parts[0])) {
                return null;
            }
            return new InetSocketAddress(address, port);
        } catch (NumberFormatException | UnknownHostException e) {
            return null;
        }
    }

    /** Only literal addresses: never let a client make the server resolve host names. */
    private static boolean looksNumeric(String host) {
        return !host.isEmpty() && host.chars().allMatch(c -> Character.digit(c, 16) >= 0 || c == '.' || c == ':');
    }
}
