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
 * A TLS context for the host credential files (GSI acceptors, FTPS), made again for the next session after
 * the certificate or key file changed, so a renewed host certificate counts without a restart.
 * A change that does not load (e.g. the certificate already replaced, the key not yet) keeps the
 * previous credential and is tried again on the next session.
 */
final class HostTls {

    private static final Logger LOG = LoggerFactory.getLogger(HostTls.class);

    private final Path certificateFile;
    private final Path keyFile;
    private final ContextFactory contexts;
    private final String label;
    private volatile Loaded current;

    /** Makes the TLS context of a loaded host credential. */
    @FunctionalInterface
    interface ContextFactory {
        SSLContext create(X509Credential host) throws GeneralSecurityException;
    }

    private record Loaded(FileSetStamp certificate, FileSetStamp key, X509Credential host, SSLContext tls) {
    }

    /** Loads the credential now, so that a broken one is reported when GSI is configured. */
    HostTls(Path certificateFile, Path keyFile, ProxyChainValidator validator)
            throws CredentialException, GeneralSecurityException {
        this(certificateFile, keyFile, host -> GsiComponent.acceptorTls(host, validator), "GSI");
    }

    /** @param label what the log messages name the context's user ({@code GSI}, {@code FTPS}) */
    HostTls(Path certificateFile, Path keyFile, ContextFactory contexts, String label)
            throws CredentialException, GeneralSecurityException {
        this.certificateFile = certificateFile;
        this.keyFile = keyFile;
        this.contexts = contexts;
        this.label = label;
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
                    LOG.info("{}: host credential reloaded, now {} (serial {})", label, fresh.host().subject(),
                            fresh.host().certificate().getSerialNumber());
                }
                current = fresh;
            } catch (CredentialException | GeneralSecurityException e) {
                LOG.warn("{}: the changed host credential cannot be used ({}); keeping {}", label, e.getMessage(),
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
        return new Loaded(certificate, key, host, contexts.create(host));
    }
}
