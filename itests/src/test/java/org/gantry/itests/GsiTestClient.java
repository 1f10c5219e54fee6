package org.gantry.itests;

import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLEngineResult.HandshakeStatus;
import javax.net.ssl.SSLException;
import javax.net.ssl.TrustManager;

/**
 * A GSI client on the control channel that presents whatever credential a test made (expired,
 * revoked, with a wrong subject...): {@code AUTH GSSAPI}, then a JDK {@link SSLEngine} in client
 * mode whose raw TLS records travel base64 in ADAT, the delegation flag {@code '0'} (no
 * delegation), then commands wrapped in ENC/MIC/CONF and the 632/631/633 replies unwrapped.
 * Real clients cannot be talked into sending bad chains; this one sends anything.
 */
public final class GsiTestClient implements Closeable {

    private static final int MAX_ADAT_ROUNDS = 10;

    private final FtpTestClient ftp;
    private final SSLEngine engine;
    private ByteBuffer fromServer = ByteBuffer.allocate(0);
    private final ByteArrayOutputStream applicationData = new ByteArrayOutputStream();
    private boolean handshakeDone;

    private GsiTestClient(FtpTestClient ftp, SSLEngine engine) {
        this.ftp = ftp;
        this.engine = engine;
    }

    /** Connects and reads the banner; nothing is sent yet. */
    public static GsiTestClient connect(int port, TestCredentials.Credential credential) throws IOException {
        SSLEngine engine;
        try {
            SSLContext tls = SSLContext.getInstance("TLS");
            tls.init(new KeyManager[] {new PresentedCredential(credential)},
                    new TrustManager[] {new RecordingServerTrust()}, null);
            engine = tls.createSSLEngine("localhost", port);
        } catch (GeneralSecurityException e) {
            throw new AssertionError("cannot set up the client TLS engine: " + e, e);
        }
        engine.setUseClientMode(true);
        return new GsiTestClient(FtpTestClient.connect(port), engine);
    }

    /**
     * AUTH GSSAPI and ADAT until the server says 235 or refuses. Returns the server's last reply:
     * 235 when the context is established, else the refusal (e.g. 535 with the reason).
     */
    public FtpReply authenticate() throws IOException {
        ftp.command("AUTH GSSAPI", 334);
        engine.beginHandshake();
        byte[] token = exchange(new byte[0]);
        boolean flagSent = false;
        for (int round = 0; round < MAX_ADAT_ROUNDS; round++) {
            FtpReply reply = ftp.command("ADAT " + Base64.getEncoder().encodeToString(token));
            if (reply.code() != 235 && reply.code() != 335) {
                return reply;
            }
            token = exchange(adatToken(reply));
            if (reply.code() == 235) {
                return reply;
            }
            if (token.length == 0) {
                if (!handshakeDone || flagSent) {
                    throw new AssertionError("the server continues (" + reply + ") but the client has nothing to say");
                }
                applicationData.reset(); // the acceptor's one-byte prompt in TLS 1.3
                token = wrap(new byte[] {'0'});
                flagSent = true;
            }
        }
        throw new AssertionError("no end of the ADAT exchange after " + MAX_ADAT_ROUNDS + " rounds");
    }

    /** Like {@link #authenticate()}, but fails unless the context is established. */
    public GsiTestClient authenticated() throws IOException {
        FtpTestClient.expect(235, authenticate(), "GSI authentication");
        return this;
    }

    /** {@code USER :globus-mapping:} and PASS, wrapped; returns the reply to PASS (230 or 530). */
    public FtpReply login() throws IOException {
        FtpTestClient.expect(331, enc("USER :globus-mapping:"), "USER :globus-mapping:");
        return enc("PASS dummy");
    }

    /** Sends {@code line} in ENC and returns the unwrapped reply (which must come as 632). */
    public FtpReply enc(String line) throws IOException {
        return wrapped("ENC", line, 632);
    }

    /** Sends {@code line} in MIC and returns the unwrapped reply (which must come as 631). */
    public FtpReply mic(String line) throws IOException {
        return wrapped("MIC", line, 631);
    }

    /** Sends {@code line} in CONF and returns the unwrapped reply (which must come as 633). */
    public FtpReply conf(String line) throws IOException {
        return wrapped("CONF", line, 633);
    }

    private FtpReply wrapped(String verb, String line, int code) throws IOException {
        byte[] token = wrap((line + "\r\n").getBytes(StandardCharsets.UTF_8));
        ftp.sendLine(verb + " " + Base64.getEncoder().encodeToString(token));
        return readWrapped(code);
    }

    /** Reads one wrapped reply (e.g. the 226 after a 150) and unwraps it. */
    public FtpReply readWrapped(int code) throws IOException {
        FtpReply outer = ftp.readReply();
        if (outer.code() != code) {
            throw new AssertionError("expected a reply wrapped as " + code + ", got " + outer);
        }
        for (String line : outer.lines()) {
            exchange(Base64.getDecoder().decode(line.substring(4).trim()));
        }
        String text = applicationData.toString(StandardCharsets.UTF_8);
        applicationData.reset();
        List<String> lines = new ArrayList<>(List.of(text.split("\r\n")));
        return new FtpReply(Integer.parseInt(lines.get(0).substring(0, 3)), List.copyOf(lines));
    }

    /** Sends a line as it is, e.g. an unprotected command after the context is established. */
    public FtpReply plain(String line) throws IOException {
        return ftp.command(line);
    }

    /** The host certificate the server presented in the handshake. */
    public X509Certificate serverCertificate() throws SSLException {
        return (X509Certificate) engine.getSession().getPeerCertificates()[0];
    }

    /** The control connection itself, e.g. to open data connections. */
    public FtpTestClient ftp() {
        return ftp;
    }

    public Socket controlSocket() {
        return ftp.controlSocket();
    }

    private static byte[] adatToken(FtpReply reply) {
        String line = reply.lines().get(reply.lines().size() - 1);
        int at = line.indexOf("ADAT=");
        return at < 0 ? new byte[0] : Base64.getDecoder().decode(line.substring(at + 5).trim());
    }

    /** Feeds the server's TLS bytes to the engine; returns what the engine wants to send back. */
    private byte[] exchange(byte[] received) throws SSLException {
        fromServer = ByteBuffer.allocate(fromServer.remaining() + received.length).put(fromServer).put(received).flip();
        ByteArrayOutputStream toServer = new ByteArrayOutputStream();
        ByteBuffer plain = ByteBuffer.allocate(engine.getSession().getApplicationBufferSize());
        while (true) {
            HandshakeStatus status = engine.getHandshakeStatus();
            if (status == HandshakeStatus.NEED_TASK) {
                for (Runnable task = engine.getDelegatedTask(); task != null; task = engine.getDelegatedTask()) {
                    task.run();
                }
                continue;
            }
            if (status == HandshakeStatus.NEED_WRAP) {
                toServer.writeBytes(wrap(new byte[0]));
                continue;
            }
            if (!fromServer.hasRemaining()) {
                return toServer.toByteArray();
            }
            SSLEngineResult result = engine.unwrap(fromServer, plain);
            handshakeDone |= result.getHandshakeStatus() == HandshakeStatus.FINISHED;
            switch (result.getStatus()) {
                case BUFFER_UNDERFLOW -> {
                    return toServer.toByteArray();
                }
                case BUFFER_OVERFLOW -> plain = ByteBuffer.allocate(plain.capacity() * 2);
                case CLOSED -> throw new SSLException("the server closed the TLS session");
                default -> {
                    applicationData.write(plain.array(), 0, plain.position());
                    plain.clear();
                }
            }
        }
    }

    /** TLS records carrying {@code data} (or the handshake message the engine has to send). */
    private byte[] wrap(byte[] data) throws SSLException {
        ByteBuffer source = ByteBuffer.wrap(data);
        ByteArrayOutputStream records = new ByteArrayOutputStream();
        do {
            ByteBuffer out = ByteBuffer.allocate(engine.getSession().getPacketBufferSize() + data.length);
            SSLEngineResult result = engine.wrap(source, out);
            handshakeDone |= result.getHandshakeStatus() == HandshakeStatus.FINISHED;
            if (result.getStatus() != SSLEngineResult.Status.OK) {
                throw new SSLException("cannot wrap: " + result);
            }
            records.write(out.array(), 0, out.position());
        } while (source.hasRemaining());
        return records.toByteArray();
    }

    @Override
    public void close() throws IOException {
        ftp.close();
    }

    /** Presents the test's chain whatever the server asks for. */
    private static final class PresentedCredential extends javax.net.ssl.X509ExtendedKeyManager {
        private static final String ALIAS = "test";
        private final TestCredentials.Credential credential;

        PresentedCredential(TestCredentials.Credential credential) {
            this.credential = credential;
        }

        @Override
        public String chooseEngineClientAlias(String[] keyType, java.security.Principal[] issuers, SSLEngine engine) {
            return ALIAS;
        }

        @Override
        public String chooseClientAlias(String[] keyType, java.security.Principal[] issuers, Socket socket) {
            return ALIAS;
        }

        @Override
        public String[] getClientAliases(String keyType, java.security.Principal[] issuers) {
            return new String[] {ALIAS};
        }

        @Override
        public X509Certificate[] getCertificateChain(String alias) {
            return credential.chain().clone();
        }

        @Override
        public java.security.PrivateKey getPrivateKey(String alias) {
            return credential.key();
        }

        @Override
        public String[] getServerAliases(String keyType, java.security.Principal[] issuers) {
            return null;
        }

        @Override
        public String chooseServerAlias(String keyType, java.security.Principal[] issuers, Socket socket) {
            return null;
        }
    }

    /** The client is not under test: it accepts any host certificate, which the tests then inspect. */
    private static final class RecordingServerTrust implements javax.net.ssl.X509TrustManager {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
