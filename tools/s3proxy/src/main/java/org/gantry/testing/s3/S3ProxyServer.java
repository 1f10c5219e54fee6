package org.gantry.testing.s3;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

/**
 * s3proxy, a real S3-compatible server, as a separate Java process on 127.0.0.1: its
 * {@code filesystem} provider keeps buckets as directories below {@link #dataDirectory()} and
 * objects as files in them (user metadata in extended attributes, so the file system must support
 * {@code user.*} xattrs), so test data lives on disk, not in a heap.
 *
 * <p>The process runs the JDK of the caller ({@code java.home}) with s3proxy's classpath as this
 * module's build wrote it (absolute paths into the local Maven repository of that build). Its
 * standard output and error go to {@code <name>-s3proxy.log} in the data directory's parent, next
 * to its {@code .properties} and logging configuration (inside the data directory every directory
 * is a bucket); {@link #logFile()} names it, for failing tests to print. Clients sign with AWS
 * signature V2 or V4 as {@link #accessKey()}/{@link #secretKey()} in {@link #region()} and address
 * buckets path-style.
 *
 * <p>A JVM that is killed (SIGKILL) cannot stop the server: it keeps running until killed by its
 * {@link #pid()}.
 *
 * <p>{@link #close()} stops the process; a shutdown hook does it too when the JVM exits first.
 */
public final class S3ProxyServer implements AutoCloseable {

    private static final String CLASSPATH_RESOURCE = "s3proxy.classpath";
    private static final String MAIN_CLASS = "org.gaul.s3proxy.Main";
    private static final String ACCESS_KEY = "gantry-test";
    private static final String SECRET_KEY = "gantry-test-secret";
    private static final String REGION = "us-east-1";
    /** s3proxy's endpoint host; a literal, so InetAddress.getByName never looks it up. */
    private static final String HOST = "127.0.0.1";
    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(20);
    private static final Duration POLL_INTERVAL = Duration.ofMillis(100);
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(1);
    /** s3proxy ships no logging configuration, and logback's default logs every request at DEBUG. */
    private static final String LOGBACK_CONFIG = """
            <configuration>
              <appender name="OUT" class="ch.qos.logback.core.ConsoleAppender">
                <encoder><pattern>%d{HH:mm:ss.SSS} [%thread] %-5level %logger{36} - %msg%n</pattern></encoder>
              </appender>
              <root level="INFO"><appender-ref ref="OUT"/></root>
            </configuration>
            """;

    private final Process process;
    private final URI endpoint;
    private final Path dataDirectory;
    private final Path logFile;
    private final Thread shutdownHook;

    private S3ProxyServer(Process process, URI endpoint, Path dataDirectory, Path logFile) {
        this.process = process;
        this.endpoint = endpoint;
        this.dataDirectory = dataDirectory;
        this.logFile = logFile;
        this.shutdownHook = new Thread(this::stopProcess, "s3proxy-" + process.pid() + "-stop");
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    /** Starts a server on a free port of 127.0.0.1 storing its buckets below {@code dataDirectory}. */
    public static S3ProxyServer start(Path dataDirectory) throws IOException {
        return start(dataDirectory, freePort());
    }

    /**
     * Starts a server on {@code port} of 127.0.0.1 storing its buckets below {@code dataDirectory}
     * (created if missing) and returns once it answers HTTP requests.
     *
     * @throws IOException with the server's output when it exits or does not answer within 60 s
     */
    public static S3ProxyServer start(Path dataDirectory, int port) throws IOException {
        // Whoever holds the port would answer the readiness check in our server's place.
        requirePortFree(port);
        Path data = Files.createDirectories(dataDirectory.toAbsolutePath().normalize());
        String name = data.getFileName().toString();
        Path logFile = data.resolveSibling(name + "-s3proxy.log");
        URI endpoint = URI.create("http://" + HOST + ":" + port);
        Path properties = writeProperties(data.resolveSibling(name + "-s3proxy.properties"), endpoint, data);
        Path logging = Files.writeString(data.resolveSibling(name + "-s3proxy-logback.xml"), LOGBACK_CONFIG);

        List<String> command = List.of(javaExecutable().toString(), "-Dlogback.configurationFile=" + logging,
                "-cp", s3proxyClasspath(), MAIN_CLASS, "--properties", properties.toString());
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(logFile.toFile()).start();
        process.getOutputStream().close();
        S3ProxyServer server = new S3ProxyServer(process, endpoint, data, logFile);
        try {
            server.awaitHttp();
        } catch (IOException | RuntimeException e) {
            server.close();
            throw e;
        }
        return server;
    }

    /** The server's base URL, {@code http://127.0.0.1:<port>}; buckets are addressed path-style. */
    public URI endpoint() {
        return endpoint;
    }

    public String accessKey() {
        return ACCESS_KEY;
    }

    public String secretKey() {
        return SECRET_KEY;
    }

    /** The region clients sign for; s3proxy accepts any, this is the one its buckets report. */
    public String region() {
        return REGION;
    }

    /** The process id of the server, e.g. to check that it is gone after {@link #close()}. */
    public long pid() {
        return process.pid();
    }

    /** The directory whose subdirectories are the buckets. */
    public Path dataDirectory() {
        return dataDirectory;
    }

    /** The server's standard output and error, next to {@link #dataDirectory()}. */
    public Path logFile() {
        return logFile;
    }

    /** Whether the server process is still running. */
    public boolean isRunning() {
        return process.isAlive();
    }

    /** Stops the server (SIGTERM, then SIGKILL after 20 s); does nothing if it has stopped. */
    @Override
    public void close() {
        stopProcess();
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException shutdownInProgress) {
            // The hook is running or has run: nothing left to undo.
        }
    }

    private void stopProcess() {
        if (!process.isAlive()) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly().waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    /** Any HTTP answer counts: an anonymous request gets 403, which proves the server is serving. */
    private void awaitHttp() throws IOException {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        IOException last = null;
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IOException("s3proxy exited with " + process.exitValue() + " right after start"
                        + outputForFailure());
            }
            try {
                requestRoot();
                if (process.isAlive()) {
                    return;
                }
            } catch (IOException notYet) {
                last = notYet;
                sleep(POLL_INTERVAL);
            }
        }
        throw new IOException("s3proxy did not answer on " + endpoint + " within " + START_TIMEOUT.toSeconds()
                + " s (last error: " + last + ")" + outputForFailure());
    }

    private void requestRoot() throws IOException {
        HttpURLConnection connection = (HttpURLConnection) endpoint.toURL().openConnection();
        connection.setConnectTimeout((int) REQUEST_TIMEOUT.toMillis());
        connection.setReadTimeout((int) REQUEST_TIMEOUT.toMillis());
        try {
            connection.getResponseCode();
        } finally {
            connection.disconnect();
        }
    }

    private String outputForFailure() {
        try {
            return "\n--- " + logFile + " ---\n" + Files.readString(logFile, StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            return "\n(cannot read " + logFile + ": " + e + ")";
        }
    }

    private static Path writeProperties(Path file, URI endpoint, Path data) throws IOException {
        Properties properties = new Properties();
        properties.setProperty("s3proxy.endpoint", endpoint.toString());
        properties.setProperty("s3proxy.authorization", "aws-v2-or-v4");
        properties.setProperty("s3proxy.identity", ACCESS_KEY);
        properties.setProperty("s3proxy.credential", SECRET_KEY);
        // s3proxy 4 keeps the jclouds-era keys; "filesystem" is its own NIO.2 store.
        properties.setProperty("jclouds.provider", "filesystem");
        properties.setProperty("jclouds.filesystem.basedir", data.toString());
        properties.setProperty("jclouds.region", REGION);
        try (var out = Files.newBufferedWriter(file, StandardCharsets.ISO_8859_1)) {
            properties.store(out, "s3proxy for Gantry's tests, written by " + S3ProxyServer.class.getName());
        }
        return file;
    }

    /** The classpath file this module's build wrote; every jar it names must still exist. */
    private static String s3proxyClasspath() throws IOException {
        String classpath;
        try (InputStream in = S3ProxyServer.class.getResourceAsStream(CLASSPATH_RESOURCE)) {
            if (in == null) {
                throw new IOException(CLASSPATH_RESOURCE + " is missing next to " + S3ProxyServer.class.getName()
                        + "; build tools/s3proxy with Maven");
            }
            classpath = new String(in.readAllBytes(), StandardCharsets.UTF_8).strip();
        }
        List<String> missing = new ArrayList<>();
        for (String entry : classpath.split(File.pathSeparator)) {
            if (!Files.isRegularFile(Path.of(entry))) {
                missing.add(entry);
            }
        }
        if (classpath.isEmpty() || !missing.isEmpty()) {
            throw new IOException("s3proxy's classpath names jars that are not there (the local Maven repository"
                    + " moved or was cleaned; rebuild tools/s3proxy): " + missing);
        }
        return classpath;
    }

    private static Path javaExecutable() {
        return Path.of(System.getProperty("java.home"), "bin", "java");
    }

    /** A port free right now; s3proxy binds it a moment later, and says so in its log if it lost the race. */
    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(HOST))) {
            return socket.getLocalPort();
        }
    }

    private static void requirePortFree(int port) throws IOException {
        try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getByName(HOST))) {
            socket.getLocalPort();
        } catch (IOException e) {
            throw new IOException("port " + port + " of " + HOST + " is in use: " + e.getMessage(), e);
        }
    }

    private static void sleep(Duration duration) throws IOException {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while waiting for s3proxy to start", e);
        }
    }

    /**
     * Runs a server until this JVM is killed, for the bench and for developers:
     * {@code --dir DIR [--port P]}. Prints {@code endpoint=... accessKey=... secretKey=...} (and
     * the region, pid and log file) on one line once it answers.
     */
    public static void main(String[] args) throws Exception {
        Path dir = null;
        int port = 0;
        for (int i = 0; i < args.length; i += 2) {
            if (i + 1 >= args.length) {
                usage("missing value after " + args[i]);
            }
            switch (args[i]) {
                case "--dir" -> dir = Path.of(args[i + 1]);
                case "--port" -> port = Integer.parseInt(args[i + 1]);
                default -> usage("unknown option " + args[i]);
            }
        }
        if (dir == null) {
            usage("--dir is required");
        }
        S3ProxyServer server = port == 0 ? start(dir) : start(dir, port);
        System.out.println("endpoint=" + server.endpoint() + " accessKey=" + server.accessKey()
                + " secretKey=" + server.secretKey() + " region=" + server.region() + " pid=" + server.pid()
                + " log=" + server.logFile());
        System.out.flush();
        // The shutdown hook stops the server when this JVM is killed; if the server dies, so do we.
        int exit = server.process.waitFor();
        System.err.println("s3proxy exited with " + exit + "; see " + server.logFile());
        System.exit(exit == 0 ? 1 : exit);
    }

    private static void usage(String problem) {
        System.err.println("S3ProxyServer: " + problem + "\nusage: S3ProxyServer --dir DIR [--port P]");
        System.exit(2);
    }
}
