package org.gantry.dsi.api;

/** Direction of a transfer, seen from the server. */
public enum TransferDirection {
    /** The server sends file data (RETR, ERET, GET). */
    SEND,
    /** The server receives file data (STOR, ESTO, APPE, PUT). */
    RECEIVE
}
