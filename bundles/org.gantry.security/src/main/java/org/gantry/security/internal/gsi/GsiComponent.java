package org.gantry.security.internal.gsi;

import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.util.List;
import java.util.stream.Stream;

import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;

import org.gantry.security.api.GridAccountMapper;
import org.gantry.security.api.GsiContext;
import org.gantry.security.api.GsiException;
import org.gantry.security.api.GsiService;
import org.gantry.security.api.UserAccount;
import org.gantry.security.internal.PasswordFileAuthenticator;
import org.gantry.security.internal.SecurityConfig;
import org.gantry.security.internal.authz.GsiAuthorizer;
import org.gantry.security.internal.authz.NotAuthorizedException;
import org.gantry.security.internal.delegation.DelegationKeys;
import org.gantry.security.internal.file.Reloading;
import org.gantry.security.internal.gridmap.GridMapFile;
import org.gantry.security.internal.proxy.ProxyChainValidator;
import org.gantry.security.internal.trust.CaDirectory;
import org.gantry.security.internal.trust.EecPathValidator;
import org.gantry.security.internal.voms.FqanPrefixAccountMapper;
import org.gantry.security.internal.voms.VomsAttributeReader;
import org.gantry.security.internal.voms.VomsTrust;
import org.gantry.security.internal.x509.CredentialException;
import org.gantry.security.internal.x509.X509Credential;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * GSI for the control channel, configured with the other security settings (PID
 * {@code org.gantry.security}): on when a host credential is configured and loads. Accounts come
 * from the configured FQAN rules (for trusted VOMS attributes), the {@link GridAccountMapper}
 * services and the grid-mapfile, in that order; they are the mapped names with the whole
 * namespace as root; password-file roots do not apply to them. CA directory, grid-mapfile,
 * vomsdir and host credential files are re-read when they change.
 */
@Component(service = GsiService.class, configurationPid = "org.gantry.security")
public class GsiComponent implements GsiService {

    private static final Logger LOG = LoggerFactory.getLogger(GsiComponent.class);
    /**
     * Above the 7-day ticket lifetime limit, the JDK sends no TLS 1.3 session tickets: GSI never
     * resumes sessions, and Globus clients expect exactly the acceptor's own token after the handshake.
     */
    static final int NO_TICKETS_SESSION_TIMEOUT = 7 * 24 * 3600 + 1;

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    volatile List<GridAccountMapper> mappers = List.of();

    private volatile Setup setup = Setup.off("not configured");
    /** Made ahead of logins; one set for the component's life, whatever the configuration. */
    private final DelegationKeys delegationKeys = new DelegationKeys();

    @Deactivate
    void deactivate() {
        delegationKeys.close();
    }

    @Activate
    @Modified
    void configure(SecurityConfig config) {
        String cert = PasswordFileAuthenticator.expandSystemProperties(config.hostCertificate()).trim();
        boolean allowed = config.gsi() && Mechanisms.of(config.authMechanisms()).contains(Mechanisms.GSSAPI);
        if (!allowed || cert.isEmpty()) {
            setup = Setup.off(allowed ? "no host certificate configured" : "GSI is switched off");
            LOG.info("GSI: off ({})", setup.reason());
            return;
        }
        String key = PasswordFileAuthenticator.expandSystemProperties(config.hostKey()).trim();
        Path caDir = Path.of(PasswordFileAuthenticator.expandSystemProperties(config.caDirectory()));
        Path gridMap = Path.of(PasswordFileAuthenticator.expandSystemProperties(config.gridMapFile()));
        Path vomsDir = Path.of(PasswordFileAuthenticator.expandSystemProperties(config.vomsDirectory()));
        List<String> rules = fqanRules(config.fqanAccounts());
        try {
            List<GridAccountMapper> fqanMapper = List.of(new FqanPrefixAccountMapper(rules));
            ProxyChainValidator validator =
                    new ProxyChainValidator(new EecPathValidator(new CaDirectory(caDir, true)), Clock.systemUTC());
            HostTls host = new HostTls(Path.of(cert), Path.of(key.isEmpty() ? cert : key), validator);
            Reloading<VomsTrust> vomsTrust = new Reloading<>(vomsDir, VomsTrust::fromDirectory);
            GsiAuthorizer authorizer = new GsiAuthorizer(() -> concat(fqanMapper, mappers), new GridMapFile(gridMap),
                    new VomsAttributeReader(vomsTrust::get, Clock.systemUTC()));
            setup = new Setup(host, validator, authorizer, "");
            LOG.info("GSI: on as {}, CA directory {}, grid-mapfile {}, vomsdir {}, FQAN rules {}",
                    host.host().subject(), caDir, gridMap, vomsDir, rules);
            warnIfServerNamesAreChecked();
        } catch (CredentialException | GeneralSecurityException e) {
            setup = Setup.off("the host credential cannot be used: " + e.getMessage());
            LOG.error("GSI: off, {}", setup.reason());
        } catch (IllegalArgumentException e) {
            setup = Setup.off("fqanAccounts: " + e.getMessage());
            LOG.error("GSI: off, {}", setup.reason());
        }
    }

    /**
     * Globus clients send the expected peer's DN as TLS server name on data connections (DCAU),
     * which the JDK refuses unless its servers ignore that extension; the assembly's bin/setenv
     * sets that, a Karaf of the operator's own may not.
     */
    private static void warnIfServerNamesAreChecked() {
        if (!System.getProperty("jdk.tls.server.disableExtensions", "").contains("server_name")) {
            LOG.warn("GSI: data channel authentication (DCAU) with Globus clients needs the JVM option "
                    + "-Djdk.tls.server.disableExtensions=server_name; without it their handshakes fail");
        }
    }

    /** The rules of all values; each value may hold several, comma separated (one line in a .cfg file). */
    static List<String> fqanRules(String[] values) {
        return Mechanisms.items(values);
    }

    private static List<GridAccountMapper> concat(List<GridAccountMapper> first, List<GridAccountMapper> then) {
        return Stream.concat(first.stream(), then.stream()).toList();
    }

    /** TLS for GSI acceptors: the host credential, client chains checked by {@code validator}. */
    static SSLContext acceptorTls(X509Credential host, ProxyChainValidator validator) throws GeneralSecurityException {
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(new KeyManager[] {host.keyManager()}, new TrustManager[] {new ClientChainTrustManager(validator)},
                null);
        tls.getServerSessionContext().setSessionTimeout(NO_TICKETS_SESSION_TIMEOUT);
        return tls;
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
    public GsiContext newContext() throws GsiException {
        Setup s = setup;
        if (s.host() == null) {
            throw new GsiException("GSI is not available: " + s.reason());
        }
        SSLEngine engine = s.host().context().createSSLEngine();
        engine.setUseClientMode(false);
        engine.setNeedClientAuth(true);
        return new GsiAcceptorContext(engine, s.validator(), s.authorizer(), delegationKeys);
    }

    @Override
    public UserAccount authorize(GsiContext context, String requested) throws GsiException {
        if (!(context instanceof GsiAcceptorContext gsi) || !gsi.established()) {
            throw new GsiException("no established GSI context");
        }
        try {
            String account = gsi.authorizer().authorize(gsi.peerChain(), requested);
            return new UserAccount(account, "/", "/", false, false);
        } catch (NotAuthorizedException e) {
            throw new GsiException(e.getMessage(), e);
        }
    }

    /** What one configuration produced; {@code host} is null when GSI is off. */
    private record Setup(HostTls host, ProxyChainValidator validator, GsiAuthorizer authorizer, String reason) {
        static Setup off(String reason) {
            return new Setup(null, null, null, reason);
        }
    }
}
