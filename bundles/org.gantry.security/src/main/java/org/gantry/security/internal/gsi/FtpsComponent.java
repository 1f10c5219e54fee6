package org.gantry.security.internal.gsi;

import java.nio.file.Path;
import java.security.GeneralSecurityException;

import javax.net.ssl.SSLEngine;

import org.gantry.security.api.DataChannelSecurity;
import org.gantry.security.api.TlsService;
import org.gantry.security.internal.PasswordFileAuthenticator;
import org.gantry.security.internal.SecurityConfig;
import org.gantry.security.internal.x509.CredentialException;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Modified;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Explicit FTPS ({@code AUTH TLS}) with the GSI host credential (PID {@code org.gantry.security}):
 * on when a host credential is configured and loads and {@code authMechanisms} lists TLS. The
 * credential files are re-read when they change.
 */
@Component(service = TlsService.class, configurationPid = "org.gantry.security")
public class FtpsComponent implements TlsService {

    private static final Logger LOG = LoggerFactory.getLogger(FtpsComponent.class);

    /** {@code host} is null when FTPS is off. */
    private record Setup(HostTls host, String reason) {
    }

    private volatile Setup setup = new Setup(null, "not configured");

    @Activate
    @Modified
    void configure(SecurityConfig config) {
        String cert = PasswordFileAuthenticator.expandSystemProperties(config.hostCertificate()).trim();
        String key = PasswordFileAuthenticator.expandSystemProperties(config.hostKey()).trim();
        if (!Mechanisms.of(config.authMechanisms()).contains(Mechanisms.TLS)) {
            setup = new Setup(null, "TLS is not among the authMechanisms");
        } else if (cert.isEmpty()) {
            setup = new Setup(null, "no host certificate configured");
        } else {
            try {
                HostTls host = new HostTls(Path.of(cert), Path.of(key.isEmpty() ? cert : key),
                        ExplicitTls::serverContext, "FTPS");
                setup = new Setup(host, "");
                LOG.info("FTPS (AUTH TLS): on as {}", host.host().subject());
                return;
            } catch (CredentialException | GeneralSecurityException e) {
                setup = new Setup(null, "the host credential cannot be used: " + e.getMessage());
            }
        }
        LOG.info("FTPS (AUTH TLS): off ({})", setup.reason());
    }

    @Override
    public boolean enabled() {
        return setup.host() != null;
    }

    @Override
    public String disabledReason() {
        return setup.reason();
    }

    @Override
    public SSLEngine newControlEngine() {
        return current().controlEngine();
    }

    @Override
    public DataChannelSecurity privateDataChannels() {
        return current();
    }

    private ExplicitTls current() {
        Setup s = setup;
        if (s.host() == null) {
            throw new IllegalStateException("AUTH TLS is not available: " + s.reason());
        }
        return new ExplicitTls(s.host().context());
    }
}
