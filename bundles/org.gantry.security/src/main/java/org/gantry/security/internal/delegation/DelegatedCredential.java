package org.gantry.security.internal.delegation;

import org.gantry.security.internal.proxy.ValidatedChain;
import org.gantry.security.internal.x509.X509Credential;

/**
 * A credential a client delegated to the server: the key and chain to authenticate data channels
 * (DCAU A) and outbound third-party connections with, and what validating that chain found
 * (identity, proxy kind, limited).
 */
public record DelegatedCredential(X509Credential credential, ValidatedChain chain) {
}
