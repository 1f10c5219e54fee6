package org.gantry.itests;

import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;

/**
 * A deliberately small FTP client over a raw socket: it sends exactly the bytes a test asks for
 * (over-long lines, NUL bytes, abrupt closes) and parses replies itself, multi-line ones included.
 * Only stream mode with passive data connections, which is all the tests need. It uses nothing but
 * the JDK, so it also runs inside the Karaf container as part of the Pax Exam probe.
 */
public final class FtpTestClient implements Closeable {

    /** No test may hang: every socket read gives up after this long. */
    public static final int READ_TIMEOUT_MILLIS = 30_000;

    private static final String HOST = "127.0.0.1";
    private static final Pattern PASV_ADDRESS =
            Pattern.compile("\\((\\d+),(\\d+),(\\d+),(\\d+),(\\d+),(\\d+)\\)");

    private final Socket control;
    private final InputStream in;
    private final OutputStream out;

    private FtpTestClient(Socket control) throws IOException {
        this.control = control;
        this.in = control.getInputStream();
        this.out = control.getOutputStream();
    }

    /** Connects and reads the 220 banner. */
    public static FtpTestClient connect(int port) throws IOException {
        return connect(HOST, port);
    }

    /** Connects to {@code host} (e.g. {@code ::1}) and reads the 220 banner. */
    public static FtpTestClient connect(String host, int port) throws IOException {
        Socket socket = new Socket();
        socket.connect(new InetSocketAddress(host, port), 10_000);
        socket.setSoTimeout(READ_TIMEOUT_MILLIS);
        FtpTestClient client = new FtpTestClient(socket);
        FtpReply banner = client.readReply();
        if (banner.code() != 220) {
            client.close();
            throw new AssertionError("expected a 220 banner, got " + banner);
        }
        return client;
    }

    /**
     * Connects, reads the banner and starts explicit FTPS: AUTH TLS, 234, then the TLS handshake
     * (as TLS client, with {@code tls}) on the control connection; everything after goes in TLS.
     */
    public static FtpTestClient overTls(int port, SSLSocketFactory tls) throws IOException {
        FtpTestClient plain = connect(HOST, port);
        plain.command("AUTH TLS", 234);
        SSLSocket secured = (SSLSocket) tls.createSocket(plain.control, HOST, port, true);
        secured.setUseClientMode(true);
        secured.startHandshake();
        return new FtpTestClient(secured);
    }

    /** Connects and logs in as anonymous. */
    public static FtpTestClient loggedIn(int port) throws IOException {
        return loggedIn(HOST, port);
    }

    /** Connects to {@code host} and logs in as anonymous. */
    public static FtpTestClient loggedIn(String host, int port) throws IOException {
        FtpTestClient client = connect(host, port);
        client.login("anonymous", "gantry-itest@");
        return client;
    }

    public void login(String user, String password) throws IOException {
        FtpReply reply = command("USER " + user);
        if (reply.code() == 331) {
            reply = command("PASS " + password);
        }
        expect(230, reply, "login as " + user);
    }

    /** Sends one command line and returns the reply. */
    public FtpReply command(String line) throws IOException {
        sendLine(line);
        return readReply();
    }

    /** Sends a command and fails unless the reply has the given code. */
    public FtpReply command(String line, int expectedCode) throws IOException {
        return expect(expectedCode, command(line), line);
    }

    public void sendLine(String line) throws IOException {
        sendRaw((line + "\r\n").getBytes(StandardCharsets.UTF_8));
    }

    public void sendRaw(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
    }

    /** Reads one complete reply (RFC 959 §4.2: {@code ddd-} ... {@code ddd }). */
    public FtpReply readReply() throws IOException {
        List<String> lines = new ArrayList<>();
        String first = readLine();
        lines.add(first);
        if (first.length() < 3 || !first.substring(0, 3).chars().allMatch(Character::isDigit)) {
            throw new IOException("not an FTP reply: " + first);
        }
        String code = first.substring(0, 3);
        if (first.length() > 3 && first.charAt(3) == '-') {
            String line;
            do {
                line = readLine();
                lines.add(line);
            } while (!(line.startsWith(code) && (line.length() == 3 || line.charAt(3) == ' ')));
        }
        return new FtpReply(Integer.parseInt(code), List.copyOf(lines));
    }

    /** Sends PASV and returns the advertised data address. */
    public InetSocketAddress passiveAddress() throws IOException {
        return hostPort(command("PASV", 227));
    }

    /** The data address a 227 or 127 reply names as {@code (h1,h2,h3,h4,p1,p2)}. */
    public static InetSocketAddress hostPort(FtpReply reply) {
        Matcher m = PASV_ADDRESS.matcher(reply.lines().get(0));
        if (!m.find()) {
            throw new AssertionError("no (h1,h2,h3,h4,p1,p2) address in the reply: " + reply);
        }
        String host = m.group(1) + "." + m.group(2) + "." + m.group(3) + "." + m.group(4);
        int port = Integer.parseInt(m.group(5)) * 256 + Integer.parseInt(m.group(6));
        return new InetSocketAddress(host, port);
    }

    /** Sends PASV and connects to the advertised data port. */
    public Socket openPassive() throws IOException {
        return connectData(passiveAddress());
    }

    private static Socket connectData(InetSocketAddress address) throws IOException {
        Socket data = new Socket();
        data.connect(address, 10_000);
        data.setSoTimeout(READ_TIMEOUT_MILLIS);
        return data;
    }

    /**
     * Opens a data connection and sends a transfer command (STOR, RETR, LIST...). Returns the open
     * data socket once the server answered 1xx; on any other reply closes it and returns null, the
     * reply being available through {@code replies}.
     */
    public Socket startTransfer(String commandLine, List<FtpReply> replies) throws IOException {
        command("TYPE I", 200);
        Socket data = openPassive();
        FtpReply reply = command(commandLine);
        replies.add(reply);
        if (!reply.isPreliminary()) {
            data.close();
            return null;
        }
        return data;
    }

    /** STOR of {@code content}; returns the final reply (226 on success). */
    public FtpReply store(String path, byte[] content) throws IOException {
        List<FtpReply> replies = new ArrayList<>();
        try (Socket data = startTransfer("STOR " + path, replies)) {
            if (data == null) {
                return replies.get(0);
            }
            data.getOutputStream().write(content);
        }
        return readReply();
    }

    /** STOR that must succeed. */
    public void storeOk(String path, byte[] content) throws IOException {
        expect(226, store(path, content), "STOR " + path);
    }

    /** RETR that must succeed; returns the bytes received. */
    public byte[] retrieve(String path) throws IOException {
        List<FtpReply> replies = new ArrayList<>();
        ByteArrayOutputStream received = new ByteArrayOutputStream();
        try (Socket data = startTransfer("RETR " + path, replies)) {
            if (data == null) {
                throw new AssertionError("RETR " + path + " refused: " + replies.get(0));
            }
            data.getInputStream().transferTo(received);
        }
        expect(226, readReply(), "RETR " + path);
        return received.toByteArray();
    }

    /**
     * A transfer command the server should refuse (the data connection is opened first, so a
     * server that waits for it cannot hide behind a 425). Returns the first reply; if the server
     * accepted the command instead, the transfer is drained and that 1xx reply is returned.
     */
    public FtpReply refusedTransfer(String commandLine) throws IOException {
        List<FtpReply> replies = new ArrayList<>();
        try (Socket data = startTransfer(commandLine, replies)) {
            if (data != null) {
                data.shutdownOutput();
                data.getInputStream().transferTo(OutputStream.nullOutputStream());
            }
        }
        if (replies.get(0).isPreliminary()) {
            readReply();
        }
        return replies.get(0);
    }

    /**
     * Finishes an upload whose data address the server announced once it knew the file (a 127
     * to {@code PUT path=...;pasv;}, or to STOR after a delayed PASV): connects there, expects
     * the 150, sends {@code content} and expects the 226.
     */
    public void storeAt(InetSocketAddress dataAddress, byte[] content, String what) throws IOException {
        try (Socket data = connectData(dataAddress)) {
            expect(150, readReply(), what);
            data.getOutputStream().write(content);
        }
        expect(226, readReply(), what);
    }

    /** The download counterpart of {@link #storeAt}: returns the bytes received. */
    public byte[] retrieveFrom(InetSocketAddress dataAddress, String what) throws IOException {
        byte[] received;
        try (Socket data = connectData(dataAddress)) {
            expect(150, readReply(), what);
            received = data.getInputStream().readAllBytes();
        }
        expect(226, readReply(), what);
        return received;
    }

    /** SIZE that must succeed. */
    public long size(String path) throws IOException {
        FtpReply reply = command("SIZE " + path, 213);
        return Long.parseLong(reply.lines().get(0).substring(4).trim());
    }

    /** The control socket, for tests that need to break it on purpose. */
    public Socket controlSocket() {
        return control;
    }

    public static FtpReply expect(int code, FtpReply reply, String what) {
        if (reply.code() != code) {
            throw new AssertionError(what + ": expected " + code + " but got " + reply);
        }
        return reply;
    }

    private String readLine() throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) != '\n') {
            if (b < 0) {
                throw new EOFException("control connection closed; partial line: "
                        + line.toString(StandardCharsets.UTF_8));
            }
            line.write(b);
        }
        String text = line.toString(StandardCharsets.UTF_8);
        return text.endsWith("\r") ? text.substring(0, text.length() - 1) : text;
    }

    @Override
    public void close() throws IOException {
        control.close();
    }
}
