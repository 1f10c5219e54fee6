package org.gantry.security.internal.gsi;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.Optional;

import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLException;

import org.gantry.security.api.AdatStep;
import org.gantry.security.api.DataChannelSecurity;
import org.gantry.security.api.DataProtection;
import org.gantry.security.api.DcauMode;
import org.gantry.security.api.GsiContext;
import org.gantry.security.api.GsiException;
import org.gantry.security.internal.authz.GsiAuthorizer;
import org.gantry.security.internal.delegation.DelegatedCredential;
import org.gantry.security.internal.delegation.DelegationKeys;
import org.gantry.security.internal.delegation.DelegationRequest;
import org.gantry.security.internal.proxy.ProxyChainValidator;
import org.gantry.security.internal.proxy.ValidatedChain;
import org.gantry.security.internal.x509.ChainRefusedException;
import org.gantry.security.internal.x509.CredentialException;

/**
 * The acceptor side of one GSI context, as the Globus GSSAPI runs it: the TLS handshake (client
 * authentication required), then one flag byte from the client ({@code 'D'} delegate,
 * {@code '0'} not), and on {@code 'D'} our PKCS#10 request out and the signed proxy back
 * (protocol.md §6.2). Afterwards tokens are TLS application records: {@link #wrap}/{@link #unwrap}.
 */
final class GsiAcceptorContext implements GsiContext {

    private enum State { HANDSHAKE, FLAG, CERTIFICATE, ESTABLISHED, FAILED }

    private final TlsEngineDriver tls;
    private final ProxyChainValidator validator;
    /** The authorizer of the configuration this context was made under. */
    private final GsiAuthorizer authorizer;
    private final DelegationKeys keys;
    private final ByteArrayOutputStream pending = new ByteArrayOutputStream();
    private TokenFraming framing;
    private State state = State.HANDSHAKE;
    private ValidatedChain peer;
    private X509Certificate[] peerChain;
    private DelegationRequest delegation;
    private DelegatedCredential delegated;

    GsiAcceptorContext(SSLEngine engine, ProxyChainValidator validator, GsiAuthorizer authorizer) {
        this(engine, validator, authorizer, null);
    }

    /** @param keys delegation key pairs made ahead of time, or null to make each on the spot */
    GsiAcceptorContext(SSLEngine engine, ProxyChainValidator validator, GsiAuthorizer authorizer,
            DelegationKeys keys) {
        this.tls = new TlsEngineDriver(engine);
        this.validator = validator;
        this.authorizer = authorizer;
        this.keys = keys;
    }

    GsiAuthorizer authorizer() {
        return authorizer;
    }

    @Override
    public AdatStep accept(byte[] token) throws GsiException {
        if (state == State.ESTABLISHED || state == State.FAILED) {
            throw new GsiException("the security context is already " + (state == State.FAILED ? "failed" : "established"));
        }
        try {
            if (framing == null) {
                framing = TokenFraming.detect(token);
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            out.write(tls.feed(framing.unframe(token)));
            if (state == State.HANDSHAKE && tls.handshakeFinished()) {
                peerChain = peerCertificates();
                peer = validator.validate(peerChain);
                if (clientSpokeLast()) {
                    // The client waits for a token before it sends its delegation flag and reads
                    // one byte of application data from it: send a zero byte, as Globus does.
                    out.write(tls.wrap(new byte[] {0}));
                }
                state = State.FLAG;
            }
            pending.write(tls.takeApplicationData());
            out.write(advance());
            return new AdatStep(framing.frame(out.toByteArray()), state == State.ESTABLISHED);
        } catch (SSLException e) {
            state = State.FAILED;
            throw new GsiException(reason(e), e);
        } catch (ChainRefusedException | CredentialException e) {
            state = State.FAILED;
            throw new GsiException(e.getMessage(), e);
        } catch (IOException e) {
            state = State.FAILED;
            throw new GsiException("bad GSI token: " + e.getMessage(), e);
        }
    }

    /**
     * In TLS 1.3 the client's Finished ends the handshake (in 1.2 the server's does). Whatever
     * else the engine sends then (post-handshake messages) carries no application data.
     */
    private boolean clientSpokeLast() {
        return "TLSv1.3".equals(tls.engine().getSession().getProtocol());
    }

    /** The delegation steps the application data received so far allows. */
    private byte[] advance() throws SSLException, ChainRefusedException, CredentialException {
        byte[] data = pending.toByteArray();
        if (state == State.FLAG && data.length > 0) {
            pending.reset();
            pending.write(data, 1, data.length - 1);
            if (data[0] == '0') {
                state = State.ESTABLISHED;
                return new byte[0];
            }
            if (data[0] != 'D') {
                throw new ChainRefusedException(String.format("GSI delegation protocol violation: flag byte 0x%02x",
                        data[0] & 0xFF));
            }
            delegation = DelegationRequest.create(peerChain, keys);
            state = State.CERTIFICATE;
            return tls.wrap(delegation.pkcs10());
        }
        if (state == State.CERTIFICATE && DerLength.complete(data)) {
            delegated = delegation.accept(Arrays.copyOf(data, DerLength.total(data)), validator);
            pending.reset();
            state = State.ESTABLISHED;
        }
        return new byte[0];
    }

    private X509Certificate[] peerCertificates() throws SSLException {
        Certificate[] certificates = tls.engine().getSession().getPeerCertificates();
        return Arrays.stream(certificates).map(X509Certificate.class::cast).toArray(X509Certificate[]::new);
    }

    /** The validator's refusal if the chain caused the failure, else what TLS said. */
    private static String reason(SSLException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof ChainRefusedException refused) {
                return "certificate chain refused: " + refused.getMessage();
            }
        }
        return "TLS handshake failed: " + e.getMessage();
    }

    @Override
    public boolean established() {
        return state == State.ESTABLISHED;
    }

    ValidatedChain peerChain() {
        return peer;
    }

    @Override
    public String peerIdentity() {
        return peer == null ? "" : peer.identity();
    }

    @Override
    public Optional<String> delegatedSubject() {
        return Optional.ofNullable(delegated).map(d -> d.credential().subject());
    }

    @Override
    public Optional<DataChannelSecurity> dataChannelSecurity(DcauMode mode, Optional<String> subject,
            DataProtection protection) throws GsiException {
        requireEstablished();
        return DataChannelTls.forSession(delegatedCredential(), validator, mode, subject, protection);
    }

    /** Kept for DCAU and third-party transfers. */
    Optional<DelegatedCredential> delegatedCredential() {
        return Optional.ofNullable(delegated);
    }

    @Override
    public byte[] wrap(byte[] plain) throws GsiException {
        requireEstablished();
        try {
            return framing.frame(tls.wrap(plain));
        } catch (SSLException e) {
            throw new GsiException("cannot protect the reply: " + e.getMessage(), e);
        }
    }

    @Override
    public byte[] unwrap(byte[] token) throws GsiException {
        requireEstablished();
        try {
            tls.feed(framing.unframe(token));
            return tls.takeApplicationData();
        } catch (IOException e) {
            throw new GsiException("cannot unwrap the command: " + e.getMessage(), e);
        }
    }

    private void requireEstablished() throws GsiException {
        if (state != State.ESTABLISHED) {
            throw new GsiException("the security context is not established");
        }
    }
}
