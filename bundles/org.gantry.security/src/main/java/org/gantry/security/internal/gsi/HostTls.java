package org.gantry.security.internal.gsi;

import java.nio.file.Path;
import java.security.GeneralSecurityException;

import javax.net.ssl.SSLContext;

import org.gantry.security.internal.file.FileSetStamp;
import org.gantry.security.internal.proxy.ProxyChainValidator;
import org.gantry.security.internal.x509.CredentialException;
import org.gantry.security.internal.x509.CredentialLoader;
import org.gantry.security.internal.x509.X509Credential;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The acceptor TLS context for the host credential files, made again for the next session after
 * the certificate or key file changed, so a renewed host certificate counts without a restart.
 * A change that does not load (e.g. the certificate already replaced, the key not yet) keeps the
 * previous credential and is tried again on the next session.
 */
final class HostTls {

    private static final Logger LOG = LoggerFactory.getLogger(HostTls.class);

    private final Path certificateFile;
    private final Path keyFile;
    private final ProxyChainValidator validator;
    private volatile Loaded current;

    private record Loaded(FileSetStamp certificate, FileSetStamp key, X509Credential host, SSLContext tls) {
    }

    /** Loads the credential now, so that a broken one is reported when GSI is configured. */
    HostTls(Path certificateFile, Path keyFile, ProxyChainValidator validator)
            throws CredentialException, GeneralSecurityException {
        this.certificateFile = certificateFile;
        this.keyFile = keyFile;
        this.validator = validator;
        this.current = load();
    }

    X509Credential host() {
        return current.host();
    }

    /** The context for a new session: the files' current credential, or the last one that loaded. */
    SSLContext context() {
        Loaded loaded = current;
        if (loaded.certificate().equals(FileSetStamp.of(certificateFile)) && loaded.key().equals(FileSetStamp.of(keyFile))) {
            return loaded.tls();
        }
        synchronized (this) {
            try {
                Loaded fresh = load();
                if (!fresh.host().equals(current.host())) {
                    LOG.info("GSI: host credential reloaded, now {} (serial {})", fresh.host().subject(),
                            fresh.host().certificate().getSerialNumber());
                }
                current = fresh;
            } catch (CredentialException | GeneralSecurityException e) {
                LOG.warn("GSI: the changed host credential cannot be used ({}); keeping {}", e.getMessage(),
                        current.host().subject());
            }
            return current.tls();
        }
    }

    private Loaded load() throws CredentialException, GeneralSecurityException {
        // Stamps before reading: a change during the read is seen again next time.
        FileSetStamp certificate = FileSetStamp.of(certificateFile);
        FileSetStamp key = FileSetStamp.of(keyFile);
        X509Credential host = CredentialLoader.load(certificateFile, keyFile);
        return new Loaded(certificate, key, host, GsiComponent.acceptorTls(host, validator));
    }
}
