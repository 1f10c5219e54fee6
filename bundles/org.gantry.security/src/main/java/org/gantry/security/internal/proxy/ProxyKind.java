package org.gantry.security.internal.proxy;

/**
 * What a client certificate is: an end-entity certificate, or one of the proxy flavours GSI
 * clients produce. The descriptions follow {@code grid-proxy-info}'s wording.
 */
public enum ProxyKind {
    END_ENTITY(Format.NONE, Policy.IMPERSONATION, "end entity credential"),
    RFC3820_IMPERSONATION(Format.RFC3820, Policy.IMPERSONATION, "RFC 3820 compliant impersonation proxy"),
    RFC3820_LIMITED(Format.RFC3820, Policy.LIMITED, "RFC 3820 compliant limited proxy"),
    RFC3820_INDEPENDENT(Format.RFC3820, Policy.INDEPENDENT, "RFC 3820 compliant independent proxy"),
    GT3_IMPERSONATION(Format.GT3_DRAFT, Policy.IMPERSONATION, "Proxy draft (pre-RFC) compliant impersonation proxy"),
    GT3_LIMITED(Format.GT3_DRAFT, Policy.LIMITED, "Proxy draft (pre-RFC) compliant limited proxy"),
    GT3_INDEPENDENT(Format.GT3_DRAFT, Policy.INDEPENDENT, "Proxy draft (pre-RFC) compliant independent proxy"),
    LEGACY_FULL(Format.LEGACY, Policy.IMPERSONATION, "full legacy globus proxy"),
    LEGACY_LIMITED(Format.LEGACY, Policy.LIMITED, "limited legacy globus proxy");

    /** How the proxy marks itself. */
    public enum Format {
        /** Not a proxy. */
        NONE,
        /** {@code proxyCertInfo} extension 1.3.6.1.5.5.7.1.14. */
        RFC3820,
        /** GT3 draft extension 1.3.6.1.4.1.3536.1.222. */
        GT3_DRAFT,
        /** GT2 style: no extension, last CN is {@code proxy} or {@code limited proxy}. */
        LEGACY
    }

    /** What the proxy may do in its issuer's name. */
    public enum Policy {
        /** Everything the issuer may (inheritAll). */
        IMPERSONATION,
        /** The issuer's rights, except starting jobs (Globus limited policy). */
        LIMITED,
        /** None of the issuer's rights (RFC 3820 independent). */
        INDEPENDENT
    }

    private final Format format;
    private final Policy policy;
    private final String description;

    ProxyKind(Format format, Policy policy, String description) {
        this.format = format;
        this.policy = policy;
        this.description = description;
    }

    public Format format() {
        return format;
    }

    public Policy policy() {
        return policy;
    }

    public boolean isProxy() {
        return format != Format.NONE;
    }

    public String description() {
        return description;
    }

    static ProxyKind of(Format format, Policy policy) {
        for (ProxyKind kind : values()) {
            if (kind.format == format && kind.policy == policy) {
                return kind;
            }
        }
        throw new IllegalArgumentException(format + " proxies have no " + policy + " policy");
    }
}
