package org.gantry.security.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * The settings of PID {@code org.gantry.security}, shared by the password authenticator, GSI and
 * FTPS components: logins and anonymous access; the host credential both GSI and FTPS present;
 * the trust and mapping of GSI clients; which AUTH mechanisms are offered; where clear
 * passwords are accepted. {@code ./gantry start} writes the same keys.
 */
@ObjectClassDefinition(name = "Gantry security",
        description = "Password-file logins, anonymous access, GSI (AUTH GSSAPI) and explicit FTPS (AUTH TLS)"
                + " for the GridFTP server.")
public @interface SecurityConfig {

    @AttributeDefinition(name = "Password file",
            description = "Lines NAME:HASH:ROOT:FLAGS, written by PasswordTool. ${...} system"
                    + " properties are expanded.")
    String passwordFile() default "${karaf.etc}/gantry-users.properties";

    @AttributeDefinition(name = "Anonymous access",
            description = "Let the anonymous names log in with any password.")
    boolean anonymous() default false;

    @AttributeDefinition(name = "Anonymous read-only", description = "Anonymous users may not change anything.")
    boolean anonymousReadOnly() default true;

    @AttributeDefinition(name = "Anonymous root",
            description = "Absolute path in the server namespace anonymous users are confined to.")
    String anonymousRoot() default "/";

    @AttributeDefinition(name = "Anonymous names",
            description = "User names (case-insensitive) that mean anonymous. Reserved: they never"
                    + " log in from the password file.")
    String[] anonymousNames() default { "anonymous", "ftp" };

    @AttributeDefinition(name = "Failure delay (ms)",
            description = "Pause before answering a failed login, to slow down password guessing.")
    long failureDelayMillis() default 500;

    @AttributeDefinition(name = "Host certificate",
            description = "PEM host certificate (CN=host name) for GSI (AUTH GSSAPI) and FTPS (AUTH TLS), which"
                    + " are on whenever this is set and loads (see authMechanisms); empty: neither."
                    + " ${...} system properties are expanded.")
    String hostCertificate() default "";

    @AttributeDefinition(name = "Host key",
            description = "Unencrypted PEM private key of the host certificate, readable by the owner only.")
    String hostKey() default "";

    @AttributeDefinition(name = "CA directory",
            description = "IGTF-style trust anchors for GSI clients: <hash>.0 CAs, <hash>.r0 CRLs,"
                    + " <hash>.signing_policy files.")
    String caDirectory() default "/etc/grid-security/certificates";

    @AttributeDefinition(name = "Grid-mapfile",
            description = "Maps client DNs to local accounts: lines \"DN\" account[,account...].")
    String gridMapFile() default "/etc/grid-security/grid-mapfile";

    @AttributeDefinition(name = "VOMS directory",
            description = "PEM certificates of the VOMS servers whose attribute certificates count (in the"
                    + " directory or one level below it, vomsdir layout). ${...} system properties are expanded.")
    String vomsDirectory() default "/etc/grid-security/vomsdir";

    @AttributeDefinition(name = "FQAN accounts",
            description = "Rules FQAN-prefix=account (several per value, comma separated), e.g."
                    + " /atlas/Role=production=atlprd, /atlas=atlas: a client whose proxy carries a trusted VOMS"
                    + " attribute with a matching FQAN may log in as that account, by default before its"
                    + " grid-mapfile accounts.")
    String[] fqanAccounts() default {};

    @AttributeDefinition(name = "GSI", description = "Switch GSI off even though a host credential is set.")
    boolean gsi() default true;

    @AttributeDefinition(name = "Security mechanisms",
            description = "The AUTH mechanisms offered when a host credential is set: GSSAPI (GSI) and TLS"
                    + " (explicit FTPS, RFC 4217), several per value, comma separated.")
    String[] authMechanisms() default { "GSSAPI", "TLS" };

    @AttributeDefinition(name = "Plain password logins",
            description = "Where USER/PASS may be sent without AUTH TLS or GSI: loopback (only from"
                    + " clients on this host), always, or never. Anonymous names are always allowed.")
    String plainPasswordLogins() default "loopback";
}
