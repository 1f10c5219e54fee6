package org.gantry.core.internal.command;

import java.util.Set;

/**
 * FTP and GridFTP verbs this server knows of but does not implement (yet): they get
 * {@code 502 Command not implemented.} rather than {@code 500 Invalid command.}.
 */
final class KnownVerbs {

    private static final Set<String> NOT_IMPLEMENTED = Set.of(
            // RFC 959 and RFC 775
            "ACCT", "REIN", "STOU", "SMNT", "XMKD", "XRMD", "XPWD", "XCWD", "XCUP",
            // RFC 2228 security
            "AUTH", "ADAT", "PBSZ", "PROT", "CCC", "MIC", "ENC", "CONF",
            // RFC 1639 / 2389 / 2640 / 3659 drafts
            "LPRT", "LPSV", "LANG", "HOST",
            // GridFTP (GFD.20, GFD.47) and Globus extensions
            "SPAS", "SPOR", "ERET", "ESTO", "SBUF", "DCAU", "MLSR", "MLSC",
            "TREV", "DCSC", "WHOAMI", "STORATTR");

    private KnownVerbs() {
    }

    static boolean isKnownButNotImplemented(String verb) {
        return NOT_IMPLEMENTED.contains(verb);
    }
}
