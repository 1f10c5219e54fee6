package org.gantry.core.internal.session;

import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

import org.gantry.core.internal.data.tls.DataConnectionSecurity;
import org.gantry.security.api.DataChannelSecurity;
import org.gantry.security.api.DataProtection;
import org.gantry.security.api.DcauMode;
import org.gantry.security.api.GsiContext;
import org.gantry.security.api.GsiException;

/**
 * A session's DCAU and PROT choice and what it means for new data connections. A GSI session
 * authenticates its data connections (DCAU A) unless the client says otherwise, as with the
 * Globus server; other sessions, and GSI clients that delegated nothing, have clear ones. FTPS
 * (AUTH TLS) sessions have no DCAU; under PROT P their data connections go through TLS.
 */
public final class DataChannelProtection {

    /** The session's FTPS data channel security, once AUTH TLS was accepted. */
    private final Supplier<Optional<DataChannelSecurity>> ftps;

    private DcauMode explicitMode;
    private String subject;
    private DataProtection protection = DataProtection.CLEAR;
    private DataConnectionSecurity resolved;

    public DataChannelProtection(Supplier<Optional<DataChannelSecurity>> ftps) {
        this.ftps = ftps;
    }

    /**
     * The DCAU mode in force: the client's, or else A for a GSI session whose client delegated
     * a credential (Globus clients delegate whenever they mean to use DCAU) and N otherwise.
     */
    public synchronized DcauMode mode(Optional<GsiContext> gsi) {
        if (explicitMode != null) {
            return explicitMode;
        }
        boolean delegated = gsi.flatMap(GsiContext::delegatedSubject).isPresent();
        return delegated ? DcauMode.SELF : DcauMode.NONE;
    }

    /**
     * The outcome of a DCAU or PROT command.
     *
     * @param changed whether the choice changed, so that connections made under the old one
     *                must not carry the next transfer
     * @param refused why the session cannot serve the choice; it is then not taken
     */
    public record Change(boolean changed, Optional<String> refused) {
    }

    /** Takes a DCAU choice (with the subject of DCAU S) unless the session cannot serve it. */
    public synchronized Change dcau(DcauMode mode, String dcauSubject, Optional<GsiContext> gsi) {
        return attempt(mode, mode == DcauMode.SUBJECT ? dcauSubject : null, protection, gsi);
    }

    /** Takes a PROT level unless the session cannot serve it. */
    public synchronized Change protection(DataProtection level, Optional<GsiContext> gsi) {
        return attempt(explicitMode, subject, level, gsi);
    }

    private Change attempt(DcauMode mode, String newSubject, DataProtection level, Optional<GsiContext> gsi) {
        DcauMode oldMode = explicitMode;
        String oldSubject = subject;
        DataProtection oldLevel = protection;
        DcauMode before = mode(gsi);
        explicitMode = mode;
        subject = newSubject;
        protection = level;
        resolved = null;
        boolean changed = before != mode(gsi) || !Objects.equals(oldSubject, newSubject) || oldLevel != level;
        Optional<String> problem = forConnections(gsi).unavailableReason();
        if (problem.isPresent()) {
            explicitMode = oldMode;
            subject = oldSubject;
            protection = oldLevel;
            resolved = null;
            return new Change(false, problem);
        }
        return new Change(changed, Optional.empty());
    }

    /**
     * What new data connections go through. Without GSI only clear, unauthenticated connections
     * exist, or under FTPS with PROT P, TLS ones (the commands refuse anything else). A choice
     * the session's credentials cannot serve (DCAU A without a delegated credential) fails each
     * connection with the reason.
     */
    public synchronized DataConnectionSecurity forConnections(Optional<GsiContext> gsi) {
        if (resolved != null) {
            return resolved;
        }
        if (gsi.isEmpty()) {
            Optional<DataChannelSecurity> tls = ftps.get();
            return protection == DataProtection.PRIVATE && tls.isPresent() ? DataConnectionSecurity.of(tls.get())
                    : DataConnectionSecurity.NONE;
        }
        try {
            resolved = gsi.get().dataChannelSecurity(mode(gsi), Optional.ofNullable(subject), protection)
                    .map(DataConnectionSecurity::of).orElse(DataConnectionSecurity.NONE);
        } catch (GsiException e) {
            resolved = DataConnectionSecurity.unavailable(e.getMessage());
        }
        return resolved;
    }
}
