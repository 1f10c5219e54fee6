package org.gantry.security.internal.gsi;

/**
 * The length of a DER element from its header, to tell whether a delegated certificate arrived
 * whole: it may be split over several TLS records and, in principle, tokens.
 */
final class DerLength {

    private DerLength() {
    }

    /** The element's full length (header included), or -1 while the header is incomplete or odd. */
    static int total(byte[] der) {
        if (der.length < 2) {
            return -1;
        }
        int first = der[1] & 0xFF;
        if (first < 0x80) {
            return 2 + first;
        }
        int octets = first & 0x7F;
        if (octets == 0 || octets > 3 || der.length < 2 + octets) {
            return -1;
        }
        int length = 0;
        for (int i = 0; i < octets; i++) {
            length = (length << 8) | (der[2 + i] & 0xFF);
        }
        return 2 + octets + length;
    }

    static boolean complete(byte[] der) {
        int total = total(der);
        return total > 0 && der.length >= total;
    }
}
