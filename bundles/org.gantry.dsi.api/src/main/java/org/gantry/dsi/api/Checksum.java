package org.gantry.dsi.api;

import java.util.Locale;

/**
 * A checksum value.
 *
 * @param algorithm the wire token in upper case, e.g. {@code ADLER32}, {@code MD5}, {@code SHA256}
 * @param value     lower-case hex digits
 */
public record Checksum(String algorithm, String value) {

    public Checksum {
        algorithm = algorithm.toUpperCase(Locale.ROOT);
        value = value.toLowerCase(Locale.ROOT);
    }
}
