package org.gantry.core.internal.protocol;

/**
 * The reply catalogue: every code and standard text the server sends, worded like the Globus
 * (GCT) server where clients have been seen to depend on it.
 */
public final class Replies {

    public static final int RESTART_MARKER = 111;
    public static final int STATUS_MARKER = 113;
    public static final int PERFORMANCE_MARKER = 112;
    public static final int DATA_CONNECTION_OPEN = 125;
    public static final int OPENING_DATA = 150;
    public static final int OK = 200;
    public static final int SYSTEM_STATUS = 211;
    public static final int SERVER_STATUS = 212;
    public static final int FILE_STATUS = 213;
    public static final int HELP = 214;
    public static final int SYSTEM_TYPE = 215;
    public static final int READY = 220;
    public static final int CLOSING = 221;
    public static final int TRANSFER_COMPLETE = 226;
    public static final int PASSIVE = 227;
    public static final int EXTENDED_PASSIVE = 229;
    public static final int STRIPED_PASSIVE = 229;
    /** Delayed passive and GET/PUT: the 227 form, sent once the transfer command named the file. */
    public static final int DELAYED_PASSIVE = 127;
    /** Delayed passive: the 229 forms (EPSV, SPAS). */
    public static final int DELAYED_EXTENDED_PASSIVE = 129;
    public static final int LOGGED_IN = 230;
    public static final int FILE_ACTION_OK = 250;
    public static final int PATH_CREATED = 257;
    public static final int NEED_PASSWORD = 331;
    public static final int PENDING_FURTHER_INFO = 350;
    public static final int SERVICE_NOT_AVAILABLE = 421;
    public static final int CANT_OPEN_DATA = 425;
    public static final int TRANSFER_ABORTED = 426;
    public static final int LOCAL_ERROR = 451;
    public static final int INSUFFICIENT_STORAGE = 452;
    public static final int SYNTAX_ERROR = 500;
    public static final int ARGUMENT_SYNTAX_ERROR = 501;
    public static final int NOT_IMPLEMENTED = 502;
    public static final int BAD_SEQUENCE = 503;
    public static final int PARAMETER_NOT_IMPLEMENTED = 504;
    public static final int PROTOCOL_NOT_SUPPORTED = 522;
    public static final int NOT_LOGGED_IN = 530;
    public static final int FILE_UNAVAILABLE = 550;
    public static final int EXCEEDED_STORAGE = 552;
    public static final int NAME_NOT_ALLOWED = 553;

    // Login and session
    public static final Reply LOGIN_INCORRECT = Reply.of(NOT_LOGGED_IN, "Login incorrect.");
    public static final Reply PLEASE_LOGIN = Reply.of(NOT_LOGGED_IN, "Please login with USER and PASS.");
    public static final Reply ALREADY_LOGGED_IN = Reply.of(BAD_SEQUENCE, "You are already logged in.");
    public static final Reply USER_FIRST = Reply.of(BAD_SEQUENCE, "Login with USER first.");
    public static final Reply GOODBYE = Reply.of(CLOSING, "Goodbye.").thenClose();
    public static final Reply IDLE_TIMEOUT =
            Reply.of(SERVICE_NOT_AVAILABLE, "Idle Timeout: closing control connection.").thenClose();
    public static final Reply TOO_MANY_SESSIONS = Reply.of(SERVICE_NOT_AVAILABLE, "Too many sessions.").thenClose();
    public static final Reply SHUTTING_DOWN =
            Reply.of(SERVICE_NOT_AVAILABLE, "Service not available, closing control connection.").thenClose();
    public static final Reply KILLED =
            Reply.of(SERVICE_NOT_AVAILABLE, "Session closed by the administrator.").thenClose();

    // Syntax and sequence
    public static final Reply INVALID_COMMAND = Reply.of(SYNTAX_ERROR, "Invalid command.");
    public static final Reply LINE_TOO_LONG = Reply.of(SYNTAX_ERROR, "Command line too long.");
    public static final Reply NOT_IMPLEMENTED_REPLY = Reply.of(NOT_IMPLEMENTED, "Command not implemented.");
    public static final Reply SYNTAX_ERROR_ARGS =
            Reply.of(ARGUMENT_SYNTAX_ERROR, "Syntax error in parameters or arguments.");
    public static final Reply BAD_ENCODING = Reply.of(ARGUMENT_SYNTAX_ERROR, "Command is not valid UTF-8.");
    public static final Reply BAD_SEQUENCE_REPLY = Reply.of(BAD_SEQUENCE, "Bad sequence of commands.");
    public static final Reply INTERNAL_ERROR = Reply.of(LOCAL_ERROR, "Internal error.");

    // Information
    public static final Reply NOOP = Reply.of(OK, "NOOP command successful.");
    public static final Reply SYSTEM = Reply.of(SYSTEM_TYPE, "UNIX Type: L8");
    public static final Reply OPTS_OK = Reply.of(OK, "OPTS Command Successful.");
    public static final Reply SERVER_STATUS_REPLY = Reply.of(SERVER_STATUS, "GridFTP server status.");

    // Parameters
    public static final Reply MODE_S = Reply.of(OK, "Mode set to S.");
    public static final Reply MODE_E = Reply.of(OK, "Mode set to E.");
    public static final Reply SBUF_OK = Reply.of(OK, "SBUF Command Successful.");
    public static final Reply SITE_OK = Reply.of(OK, "Site Command Successful.");
    public static final Reply INVALID_PARAMETER = Reply.of(NOT_IMPLEMENTED, "Invalid Parameter.");
    public static final Reply TREV_OK = Reply.of(OK, "Command Successful.");
    public static final Reply UNSUPPORTED_EVENT = Reply.of(NOT_IMPLEMENTED, "Unsupported event.");
    public static final Reply UNSUPPORTED_MODE = Reply.of(PARAMETER_NOT_IMPLEMENTED, "Unsupported mode.");
    public static final Reply STRU_F = Reply.of(OK, "STRU F ok.");
    public static final Reply UNSUPPORTED_STRUCTURE = Reply.of(PARAMETER_NOT_IMPLEMENTED, "Unsupported structure.");
    public static final Reply UNSUPPORTED_TYPE = Reply.of(PARAMETER_NOT_IMPLEMENTED, "Unsupported type.");
    public static final Reply ALLO_OK = Reply.of(OK, "ALLO command successful.");
    /** SCKS accepted, worded as the Globus server does. */
    public static final Reply SCKS_OK = Reply.of(OK, "OK.");
    public static final Reply RESTART_OK =
            Reply.of(PENDING_FURTHER_INFO, "Restart Marker OK. Send STORE or RETR to initiate transfer.");

    // Data channels
    public static final Reply PORT_OK = Reply.of(OK, "PORT Command successful.");
    public static final Reply EPRT_OK = Reply.of(OK, "EPRT Command successful.");
    public static final Reply EPSV_ALL_OK = Reply.of(OK, "EPSV ALL command successful.");
    public static final Reply ILLEGAL_PORT = Reply.of(ARGUMENT_SYNTAX_ERROR, "Illegal PORT command.");
    public static final Reply ILLEGAL_EPRT = Reply.of(ARGUMENT_SYNTAX_ERROR, "Malformed EPRT argument.");

    /** PORT, EPRT, SPOR or GET/PUT port= naming a host other than the client's (FTP bounce, RFC 2577). */
    public static Reply dataToOtherHost(String host) {
        return Reply.of(PARAMETER_NOT_IMPLEMENTED, "Data connection to " + host
                + " refused: not the client's address (needs DCAU, or portToOtherHosts on the server).");
    }
    public static final Reply PROTOCOL_NOT_SUPPORTED_REPLY =
            Reply.of(PROTOCOL_NOT_SUPPORTED, "Network protocol not supported, use (1,2)");
    public static final Reply NOT_AFTER_EPSV_ALL =
            Reply.of(BAD_SEQUENCE, "Command not allowed after EPSV ALL.");
    public static final Reply CANT_OPEN_DATA_REPLY = Reply.of(CANT_OPEN_DATA, "Can't open data connection.");
    public static final Reply PASSIVE_DELAYED = Reply.of(OK, "Passive delayed.");
    public static final Reply NO_PASSIVE_PORT =
            Reply.of(CANT_OPEN_DATA, "Can't open data connection: no free passive port.");

    // Transfers
    public static final Reply BEGINNING_TRANSFER = Reply.of(OPENING_DATA, "Beginning transfer.");
    public static final Reply REUSING_CONNECTION =
            Reply.of(DATA_CONNECTION_OPEN, "Beginning transfer; reusing existing data connection.");
    public static final Reply MODE_E_SEND_NEEDS_PORT = Reply.of(CANT_OPEN_DATA,
            "Can't open data connection: in MODE E the sender connects; send PORT, EPRT or SPOR first.");
    public static final Reply MODE_E_RECEIVE_NEEDS_PASV = Reply.of(CANT_OPEN_DATA,
            "Can't open data connection: in MODE E the receiver listens; send PASV, EPSV or SPAS first.");
    // GET/PUT (GFD.47)
    public static final Reply GETPUT_MISSING_PATH = Reply.of(ARGUMENT_SYNTAX_ERROR, "Missing path: send path=<file>;.");
    public static final Reply GETPUT_PASV_AND_PORT =
            Reply.of(ARGUMENT_SYNTAX_ERROR, "Cannot use both 'pasv' and 'port'.");
    public static final Reply GETPUT_BAD_PORT =
            Reply.of(ARGUMENT_SYNTAX_ERROR, "Illegal port parameter: expected port=h1,h2,h3,h4,p1,p2;.");
    public static final Reply GETPUT_BAD_MODE = Reply.of(ARGUMENT_SYNTAX_ERROR, "Illegal mode parameter: use S or E.");
    public static final Reply GETPUT_MODE_X = Reply.of(PARAMETER_NOT_IMPLEMENTED, "MODE X is not supported.");
    public static final Reply GET_PASSIVE_IN_MODE_E = Reply.of(PARAMETER_NOT_IMPLEMENTED,
            "Cannot send passively in MODE E: the sender connects; use port=.");
    public static final Reply PUT_ACTIVE_IN_MODE_E = Reply.of(PARAMETER_NOT_IMPLEMENTED,
            "Cannot receive actively in MODE E: the receiver listens; use pasv.");
    public static final Reply GETPUT_SWITCHED_OFF =
            Reply.of(NOT_IMPLEMENTED, "GET and PUT are switched off on this server.");
    public static final Reply NON_CONTIGUOUS_RESTART = Reply.of(PARAMETER_NOT_IMPLEMENTED,
            "Restart ranges with gaps need MODE E.");
    public static final Reply NOTHING_TO_RESUME = Reply.of(LOCAL_ERROR,
            "Restart failed: no stored partial upload covers the restart ranges; transfer the whole file.");
    public static final Reply TRANSFER_COMPLETE_REPLY = Reply.of(TRANSFER_COMPLETE, "Transfer Complete.");
    public static final Reply ABORT_SUCCESSFUL = Reply.of(TRANSFER_COMPLETE, "Abort successful");
    public static final Reply TRANSFER_ABORTED_REPLY = Reply.of(TRANSFER_ABORTED, "Transfer aborted.");
    public static final Reply DATA_CONNECTION_LOST =
            Reply.of(TRANSFER_ABORTED, "Connection closed; transfer aborted.");
    public static final Reply TRANSFER_INTERRUPTED =
            Reply.of(TRANSFER_ABORTED, "Session closed by the server; transfer aborted.");
    public static final Reply DATA_CLOSED_BEFORE_EOD =
            Reply.of(TRANSFER_ABORTED, "Data connection closed before its EOD; transfer aborted.");
    public static final Reply DATA_TIMEOUT =
            Reply.of(TRANSFER_ABORTED, "Data connection timed out; transfer aborted.");
    public static final Reply CONTROL_CONNECTION_LOST =
            Reply.of(TRANSFER_ABORTED, "Control connection lost; transfer aborted.");

    // Namespace
    public static final Reply OK_DOT = Reply.of(FILE_ACTION_OK, "OK.");
    public static final Reply CWD_OK = Reply.of(FILE_ACTION_OK, "CWD command successful.");
    public static final Reply CREATION_TIME_NOT_SUPPORTED =
            Reply.of(NOT_IMPLEMENTED, "Setting creation times is not supported by this storage.");
    public static final Reply SYMLINKFROM_OK =
            Reply.of(PENDING_FURTHER_INFO, "OK. Send SITE SYMLINKTO with symlink name.");
    public static final Reply RNFR_OK = Reply.of(PENDING_FURTHER_INFO, "OK. Send RNTO with destination name.");
    public static final Reply PERMISSION_DENIED = Reply.of(FILE_UNAVAILABLE, "Permission denied.");

    // Security (RFC 2228, GSI): texts as the Globus server words them
    public static final int SECURITY_DONE = 235;
    public static final int SECURITY_ADAT_NEXT = 334;
    public static final int SECURITY_CONTINUE = 335;
    public static final int SECURITY_RESOURCE_UNAVAILABLE = 431;
    public static final int SECURITY_POLICY_REFUSED = 534;
    public static final int SECURITY_NOT_WRAPPED = 533;
    public static final int SECURITY_FAILED = 535;
    public static final int PROTECTION_NOT_SUPPORTED = 536;
    public static final int WRAPPED_MIC = 631;
    public static final int WRAPPED_ENC = 632;
    public static final int WRAPPED_CONF = 633;
    public static final Reply AUTH_GSSAPI_OK =
            Reply.of(SECURITY_ADAT_NEXT, "Using authentication type GSSAPI; ADAT must follow");
    public static final Reply GSSAPI_OK = Reply.of(SECURITY_DONE, "GSSAPI Authentication successful.");
    public static final Reply AUTH_FIRST = Reply.of(BAD_SEQUENCE, "Send AUTH GSSAPI first.");
    public static final Reply ALREADY_AUTHENTICATED =
            Reply.of(SECURITY_POLICY_REFUSED, "Security context already established.");
    public static final Reply BAD_ADAT = Reply.of(ARGUMENT_SYNTAX_ERROR, "ADAT: the token is not valid base64.");
    public static final Reply BAD_WRAPPED =
            Reply.of(ARGUMENT_SYNTAX_ERROR, "The protected command is not valid base64.");
    public static final Reply NOT_WRAPPED =
            Reply.of(SECURITY_NOT_WRAPPED, "Command protection level denied: commands must be wrapped in MIC, ENC or CONF.");
    public static final Reply WRAP_BEFORE_AUTH =
            Reply.of(BAD_SEQUENCE, "No security context: send AUTH GSSAPI and ADAT first.");
    public static final int SECURITY_EXCHANGE_DONE = 234;
    public static final Reply AUTH_TLS_OK = Reply.of(SECURITY_EXCHANGE_DONE, "Using authentication type TLS.");
    public static final Reply PLAIN_LOGIN_REFUSED = Reply.of(NOT_LOGGED_IN,
            "Passwords are not accepted in clear from your address: use AUTH TLS (FTPS) or AUTH GSSAPI (GSI) first.");
    public static final Reply DCAU_N = Reply.of(OK, "DCAU N.");
    public static final Reply DCAU_A = Reply.of(OK, "DCAU A.");

    public static Reply authTypeUnknown(String mechanism) {
        return Reply.of(PARAMETER_NOT_IMPLEMENTED, "Unknown authentication type: " + mechanism + ".");
    }

    public static Reply gsiUnavailable(String reason) {
        return Reply.of(SECURITY_RESOURCE_UNAVAILABLE, "GSSAPI is not available: " + reason + ".");
    }

    public static Reply tlsUnavailable(String reason) {
        return Reply.of(SECURITY_RESOURCE_UNAVAILABLE, "TLS is not available: " + reason + ".");
    }

    public static Reply adat(boolean complete, String base64) {
        return Reply.of(complete ? SECURITY_DONE : SECURITY_CONTINUE, "ADAT=" + base64);
    }

    public static Reply gsiFailed(String reason) {
        return Reply.of(SECURITY_FAILED, "GSSAPI authentication failed: " + reason);
    }

    public static Reply gsiLoginRefused(String reason) {
        return Reply.of(NOT_LOGGED_IN, "Login incorrect: " + reason);
    }

    public static Reply pbszSet(long size) {
        return Reply.of(OK, "PBSZ=" + size);
    }

    public static Reply badPbsz(String value) {
        return Reply.of(ARGUMENT_SYNTAX_ERROR, "Bad value for PBSZ: " + value);
    }

    public static Reply protectionNotSupported(String level) {
        return Reply.of(PROTECTION_NOT_SUPPORTED, level + " protection level not supported.");
    }

    public static Reply protectionSet(char level) {
        return Reply.of(OK, "Protection level set to " + level + ".");
    }

    public static Reply dcauSubject(String subject) {
        return Reply.of(OK, "DCAU S " + subject + ".");
    }

    public static Reply dcauNotSupported(String mode) {
        return Reply.of(PARAMETER_NOT_IMPLEMENTED, "DCAU " + mode + " is not supported; use DCAU N, A or S <subject>.");
    }

    /** DCAU/PROT asked for something this session cannot do, e.g. DCAU A without GSI. */
    public static Reply dataProtectionRefused(String reason) {
        return Reply.of(SECURITY_POLICY_REFUSED, "Data channel protection refused: " + reason + ".");
    }

    public static Reply dataChannelAuthFailed(String reason) {
        return Reply.of(CANT_OPEN_DATA, "Can't open data connection: data channel authentication failed: "
                + reason + ".");
    }

    private Replies() {
    }

    public static Reply banner(String text) {
        return Reply.of(READY, text);
    }

    public static Reply passwordRequired(String user) {
        return Reply.of(NEED_PASSWORD, "Password required for " + user + ".");
    }

    public static Reply loggedIn(String user) {
        return Reply.of(LOGGED_IN, "User " + user + " logged in.");
    }

    public static Reply typeSet(char type) {
        return Reply.of(OK, "Type set to " + type + ".");
    }

    public static Reply currentDirectory(String path) {
        return Reply.of(PATH_CREATED, quote(path) + " is current directory.");
    }

    /** MFMT/MFF success: the facts as now set, then the path (draft-somers-ftp-mfxx). */
    public static Reply factsSet(String facts, String path) {
        return Reply.of(FILE_STATUS, facts + " " + path);
    }

    public static Reply unsupportedFact(String fact) {
        return Reply.of(PARAMETER_NOT_IMPLEMENTED, "Unsupported fact " + fact + ".");
    }

    public static Reply directoryCreated(String path) {
        return Reply.of(PATH_CREATED, "Directory " + quote(path) + " created successfully.");
    }

    public static Reply fileStatus(String value) {
        return Reply.of(FILE_STATUS, value);
    }

    public static Reply passive(String hostPort) {
        return Reply.of(PASSIVE, "Entering Passive Mode (" + hostPort + ")");
    }

    /**
     * {@code 127 Entering Passive Mode (h,h,h,h,p,p)}: both the Globus client (scans for the
     * parenthesis) and dCache-style clients (search for six numbers) parse this form.
     */
    public static Reply delayedPassive(String hostPort) {
        return Reply.of(DELAYED_PASSIVE, "Entering Passive Mode (" + hostPort + ")");
    }

    /** @param hostPort {@code |||port|}, or {@code |af|addr|port|} for another address than the control one */
    public static Reply extendedPassive(String hostPort, boolean delayed) {
        return Reply.of(delayed ? DELAYED_EXTENDED_PASSIVE : EXTENDED_PASSIVE,
                "Entering Extended Passive Mode (" + hostPort + ")");
    }

    public static Reply transferIncomplete(long received, long expected) {
        return Reply.of(LOCAL_ERROR, "Transfer incomplete: received " + received + " of " + expected + " bytes.");
    }

    /** A MODE E protocol violation by the sender. */
    public static Reply badModeE(String what) {
        return Reply.of(LOCAL_ERROR, "MODE E data error: " + what + "; transfer aborted.");
    }

    /** Data that does not add up to a whole file (holes, a block past the ALLO size). */
    public static Reply incompleteData(String what) {
        return Reply.of(LOCAL_ERROR, "Incomplete data: " + what + "; nothing stored.");
    }

    /** {@code 111 Range Marker a-b,c-d}: byte ranges stored so far, ends exclusive. */
    public static Reply rangeMarker(String ranges) {
        return Reply.of(RESTART_MARKER, "Range Marker " + ranges);
    }

    /** The GFD.20 performance marker; clients look for the label texts verbatim. */
    public static Reply performanceMarker(long epochMillis, long bytes) {
        String timestamp = (epochMillis / 1000) + "." + (epochMillis % 1000) / 100;
        return Reply.multi(PERFORMANCE_MARKER, "Perf Marker", java.util.List.of(
                " Timestamp: " + timestamp,
                " Stripe Index: 0",
                " Stripe Bytes Transferred: " + bytes,
                " Total Stripe Count: 1"), "End.");
    }

    /** SPAS: one line per stripe, {@code h1,h2,h3,h4,p1,p2} or {@code |2|addr|port|}. */
    public static Reply stripedPassive(java.util.List<String> hostPorts, boolean delayed) {
        return Reply.multi(delayed ? DELAYED_EXTENDED_PASSIVE : STRIPED_PASSIVE, "Entering Striped Passive Mode.",
                hostPorts.stream().map(h -> " " + h).toList(), "End");
    }

    public static Reply storageUnavailable(String dsiName) {
        return Reply.of(LOCAL_ERROR, "Storage unavailable: " + dsiName);
    }

    /** CKSM with an algorithm this server, or the file's storage, cannot compute. */
    public static Reply unsupportedChecksum(String algorithm) {
        return Reply.of(PARAMETER_NOT_IMPLEMENTED, "Unsupported checksum algorithm " + algorithm + ".");
    }

    /** SCKS with a value that cannot be one of the algorithm's (not hex, or the wrong length). */
    public static Reply badChecksumValue(String algorithm, String value) {
        return Reply.of(ARGUMENT_SYNTAX_ERROR, "Invalid " + algorithm + " value: " + value + ".");
    }

    /**
     * An upload whose checksum is not the one SCKS announced; it was discarded. The body lines
     * are those of the Globus server's INCORRECT_CHECKSUM error, for tools that look for them.
     */
    public static Reply checksumMismatch(String algorithm, String computed, String expected) {
        return Reply.multi(FILE_UNAVAILABLE,
                "Checksum mismatch: the " + algorithm + " of the upload is not the SCKS value; nothing was stored.",
                java.util.List.of(" GlobusError: v=1 c=INCORRECT_CHECKSUM",
                        " GridFTP-Computed-Checksum: " + computed,
                        " GridFTP-Expected-Checksum: " + expected), "End.");
    }

    /** A CKSM progress marker ({@code OPTS CKSM markers=n}), in the Globus server's form. */
    public static Reply checksumMarker(long epochMillis, long bytes) {
        String timestamp = (epochMillis / 1000) + "." + (epochMillis % 1000) / 100;
        return Reply.multi(STATUS_MARKER, "Status Marker", java.util.List.of(
                " Timestamp: " + timestamp,
                " Bytes Processed: " + bytes), "End.");
    }

    /** CKSM over bytes the file does not have. */
    public static Reply checksumRangeBeyondEnd(String path, long size) {
        return Reply.of(FILE_UNAVAILABLE, path + ": checksum range beyond end of file (size " + size + ").");
    }

    public static Reply notAPlainFile(String path) {
        return Reply.of(FILE_UNAVAILABLE, path + ": not a plain file.");
    }

    /** RFC 959 quoting for 257 replies: the path in double quotes, inner quotes doubled. */
    public static String quote(String path) {
        return '"' + path.replace("\"", "\"\"") + '"';
    }
}
