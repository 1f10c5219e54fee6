package org.gantry.security.internal.x509;

import java.net.Socket;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;

import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedKeyManager;

/**
 * Presents one credential on both sides of a handshake. GSI peers do not choose a certificate by
 * issuer (a proxy's issuer is the user, whom no peer lists as a CA), so the usual alias
 * selection would find nothing; there is exactly one credential to offer anyway.
 */
final class SingleCredentialKeyManager extends X509ExtendedKeyManager {

    private static final String ALIAS = "credential";

    private final X509Credential credential;

    SingleCredentialKeyManager(X509Credential credential) {
        this.credential = credential;
    }

    private String aliasIfType(String keyType) {
        return keyType == null || keyType.equals(credential.privateKey().getAlgorithm()) ? ALIAS : null;
    }

    private String aliasIfAnyType(String[] keyTypes) {
        if (keyTypes == null) {
            return ALIAS;
        }
        for (String keyType : keyTypes) {
            if (aliasIfType(keyType) != null) {
                return ALIAS;
            }
        }
        return null;
    }

    @Override
    public String[] getClientAliases(String keyType, Principal[] issuers) {
        return aliasIfType(keyType) == null ? null : new String[] {ALIAS};
    }

    @Override
    public String chooseClientAlias(String[] keyTypes, Principal[] issuers, Socket socket) {
        return aliasIfAnyType(keyTypes);
    }

    @Override
    public String chooseEngineClientAlias(String[] keyTypes, Principal[] issuers, SSLEngine engine) {
        return aliasIfAnyType(keyTypes);
    }

    @Override
    public String[] getServerAliases(String keyType, Principal[] issuers) {
        return getClientAliases(keyType, issuers);
    }

    @Override
    public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
        return aliasIfType(keyType);
    }

    @Override
    public String chooseEngineServerAlias(String keyType, Principal[] issuers, SSLEngine engine) {
        return aliasIfType(keyType);
    }

    @Override
    public X509Certificate[] getCertificateChain(String alias) {
        return ALIAS.equals(alias) ? credential.chain() : null;
    }

    @Override
    public PrivateKey getPrivateKey(String alias) {
        return ALIAS.equals(alias) ? credential.privateKey() : null;
    }
}
