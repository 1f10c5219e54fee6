package org.gantry.core.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A raw control-channel client: send a line, read a (multi-line) reply, open data connections. */
final class TestFtpClient implements AutoCloseable {

    static final int TIMEOUT_MILLIS = 10_000;
    private static final Pattern PASV = Pattern.compile("\\((\\d+),(\\d+),(\\d+),(\\d+),(\\d+),(\\d+)\\)");
    private static final Pattern EPSV = Pattern.compile("\\(\\|\\|\\|(\\d+)\\|\\)");

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;
    final FtpReply banner;

    private TestFtpClient(Socket socket) throws IOException {
        this.socket = socket;
        socket.setSoTimeout(TIMEOUT_MILLIS);
        this.in = socket.getInputStream();
        this.out = socket.getOutputStream();
        this.banner = reply();
    }

    static TestFtpClient connect(InetSocketAddress address) throws IOException {
        Socket s = new Socket();
        s.connect(address, TIMEOUT_MILLIS);
        return new TestFtpClient(s);
    }

    /** One reply: all its lines, the code of the last. */
    record FtpReply(int code, List<String> lines) {
        String text() {
            return lines.get(lines.size() - 1).substring(4);
        }

        String first() {
            return lines.get(0);
        }

        @Override
        public String toString() {
            return String.join("\n", lines);
        }
    }

    FtpReply send(String line) throws IOException {
        write(line);
        return reply();
    }

    /** Sends and checks the reply code. */
    FtpReply expect(int code, String line) throws IOException {
        FtpReply r = send(line);
        assertEquals(code, r.code(), () -> line + " -> " + r);
        return r;
    }

    void write(String line) throws IOException {
        writeRaw((line + "\r\n").getBytes(StandardCharsets.UTF_8));
    }

    void writeRaw(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
    }

    FtpReply reply() throws IOException {
        List<String> lines = new ArrayList<>();
        String first = readLine();
        lines.add(first);
        if (first.length() > 3 && first.charAt(3) == '-') {
            String end = first.substring(0, 3) + " ";
            String line;
            do {
                line = readLine();
                lines.add(line);
            } while (!line.startsWith(end));
        }
        return new FtpReply(Integer.parseInt(first.substring(0, 3)), lines);
    }

    private String readLine() throws IOException {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) != '\n') {
            if (b < 0) {
                throw new IOException("control connection closed; got so far: " + buf);
            }
            buf.write(b);
        }
        String line = buf.toString(StandardCharsets.UTF_8);
        return line.endsWith("\r") ? line.substring(0, line.length() - 1) : line;
    }

    /** True once the server has closed the control connection. */
    boolean closedByServer() throws IOException {
        try {
            return in.read() < 0;
        } catch (IOException e) {
            return true;
        }
    }

    void login(String user, String password) throws IOException {
        expect(331, "USER " + user);
        expect(230, "PASS " + password);
    }

    InetSocketAddress pasv() throws IOException {
        FtpReply r = expect(227, "PASV");
        Matcher m = PASV.matcher(r.text());
        if (!m.find()) {
            throw new IOException("bad 227: " + r);
        }
        byte[] a = new byte[4];
        for (int i = 0; i < 4; i++) {
            a[i] = (byte) Integer.parseInt(m.group(i + 1));
        }
        return new InetSocketAddress(InetAddress.getByAddress(a),
                Integer.parseInt(m.group(5)) * 256 + Integer.parseInt(m.group(6)));
    }

    int epsv() throws IOException {
        FtpReply r = expect(229, "EPSV");
        Matcher m = EPSV.matcher(r.text());
        if (!m.find()) {
            throw new IOException("bad 229: " + r);
        }
        return Integer.parseInt(m.group(1));
    }

    static Socket dataSocket(InetSocketAddress address) throws IOException {
        Socket s = new Socket();
        s.connect(address, TIMEOUT_MILLIS);
        s.setSoTimeout(TIMEOUT_MILLIS);
        return s;
    }

    /** PASV, the command, reads everything from the data connection, expects 150 and 226. */
    byte[] download(String command) throws IOException {
        InetSocketAddress data = pasv();
        try (Socket s = dataSocket(data)) {
            expect(150, command);
            byte[] bytes = s.getInputStream().readAllBytes();
            expect226();
            return bytes;
        }
    }

    String listing(String command) throws IOException {
        return new String(download(command), StandardCharsets.UTF_8);
    }

    /** PASV, the command, writes the bytes and closes the data connection; returns the final reply. */
    FtpReply upload(String command, byte[] data) throws IOException {
        InetSocketAddress address = pasv();
        try (Socket s = dataSocket(address)) {
            expect(150, command);
            s.getOutputStream().write(data);
        }
        return reply();
    }

    void expect226() throws IOException {
        awaitReply(226);
    }

    /** Reads the next reply (nothing is sent) and checks its code. */
    FtpReply awaitReply(int code) throws IOException {
        FtpReply r = reply();
        assertEquals(code, r.code(), r::toString);
        return r;
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
