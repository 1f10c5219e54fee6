package org.gantry.core.internal.command;

import java.net.InetSocketAddress;
import java.util.Locale;
import java.util.Optional;

import org.gantry.core.internal.data.HostPort;
import org.gantry.core.internal.protocol.FtpReplyException;
import org.gantry.core.internal.protocol.Replies;

/**
 * The parameters of a GridFTP v2 {@code GET}/{@code PUT} (GFD.47): {@code keyword[=value];}
 * pairs in any order. {@code path} (or the draft's {@code file}) names the file; {@code pasv}
 * asks for a delayed passive reply (127); {@code port=h,h,h,h,p,p} makes the server connect;
 * neither keeps the data channel the session has (a cached MODE E connection). {@code mode}
 * sets the transfer mode as MODE would; {@code cksum}, {@code tid} and unknown keywords are
 * ignored, as clients expect.
 *
 * @param path  the file, as the client wrote it
 * @param pasv  whether the server is to listen and say where in a 127 reply
 * @param port  where the server is to connect, if the client listens
 * @param mode  the transfer mode letter ({@code S} or {@code E}), if given
 */
record GetPutRequest(String path, boolean pasv, Optional<InetSocketAddress> port, Optional<Character> mode) {

    /** Parses the argument of GET or PUT; a bad one throws the 501/504 reply that says why. */
    static GetPutRequest parse(String argument) {
        String path = null;
        boolean pasv = false;
        InetSocketAddress port = null;
        Character mode = null;
        for (String parameter : argument.split(";")) {
            if (parameter.isBlank()) {
                continue;
            }
            int eq = parameter.indexOf('=');
            String keyword = (eq < 0 ? parameter : parameter.substring(0, eq)).trim().toLowerCase(Locale.ROOT);
            String value = eq < 0 ? null : parameter.substring(eq + 1);
            switch (keyword) {
                case "path", "file" -> path = required(value, Replies.GETPUT_MISSING_PATH);
                case "pasv" -> pasv = true;
                case "port" -> port = activePort(required(value, Replies.GETPUT_BAD_PORT));
                case "mode" -> mode = mode(required(value, Replies.GETPUT_BAD_MODE));
                default -> {
                    // cksum, tid and keywords of later drafts: nothing to do
                }
            }
        }
        if (path == null) {
            throw new FtpReplyException(Replies.GETPUT_MISSING_PATH);
        }
        if (pasv && port != null) {
            throw new FtpReplyException(Replies.GETPUT_PASV_AND_PORT);
        }
        return new GetPutRequest(path, pasv, Optional.ofNullable(port), Optional.ofNullable(mode));
    }

    private static String required(String value, org.gantry.core.internal.protocol.Reply missing) {
        if (value == null || value.isBlank()) {
            throw new FtpReplyException(missing);
        }
        return value;
    }

    private static InetSocketAddress activePort(String value) {
        InetSocketAddress address = HostPort.parsePort(value.trim());
        if (address == null || address.getPort() < DataChannelCommands.LOWEST_ACTIVE_PORT) {
            throw new FtpReplyException(Replies.GETPUT_BAD_PORT);
        }
        return address;
    }

    private static char mode(String value) {
        String letter = value.trim().toUpperCase(Locale.ROOT);
        switch (letter) {
            case "S", "E":
                return letter.charAt(0);
            case "X":
                throw new FtpReplyException(Replies.GETPUT_MODE_X);
            default:
                throw new FtpReplyException(Replies.GETPUT_BAD_MODE);
        }
    }
}
