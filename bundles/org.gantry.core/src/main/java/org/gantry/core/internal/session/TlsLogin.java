package org.gantry.core.internal.session;

import java.util.Optional;

import javax.net.ssl.SSLEngine;

import org.gantry.security.api.DataChannelSecurity;

/**
 * A session's explicit FTPS state ({@code AUTH TLS}, RFC 4217): the engine waiting to go on the
 * control connection with the 234 reply, then the security of its {@code PROT P} data connections.
 */
public final class TlsLogin {

    private volatile SSLEngine pending;
    private volatile DataChannelSecurity dataChannels;

    /** AUTH TLS was accepted: {@code control} starts with the 234 reply, data connections use {@code data}. */
    public void start(SSLEngine control, DataChannelSecurity data) {
        pending = control;
        dataChannels = data;
    }

    /** The engine for the control connection, once: the pipeline takes it when the 234 goes out. */
    public Optional<SSLEngine> takeControlEngine() {
        SSLEngine engine = pending;
        pending = null;
        return Optional.ofNullable(engine);
    }

    /** Whether AUTH TLS was accepted: the control connection is (or is about to be) inside TLS. */
    public boolean active() {
        return dataChannels != null;
    }

    /** The security of {@code PROT P} data connections, once AUTH TLS was accepted. */
    public Optional<DataChannelSecurity> dataChannels() {
        return Optional.ofNullable(dataChannels);
    }
}
