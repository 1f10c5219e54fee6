package org.gantry.security.api;

/** The data channel protection level the client chose with {@code PROT}. */
public enum DataProtection {
    /** {@code PROT C}: data connections are authenticated (under DCAU A/S), the data flows in clear. */
    CLEAR,
    /** {@code PROT P}: the data flows inside TLS. */
    PRIVATE
}
