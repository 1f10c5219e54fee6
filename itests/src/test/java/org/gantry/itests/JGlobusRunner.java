package org.gantry.itests;

import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.io.File;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

/**
 * Compiles the jGlobus client program (itests/src/test/jglobus/) against the Debian jGlobus jars
 * and runs it in a child JVM. jGlobus 2.1 and its old logging and crypto jars stay off the Maven
 * test classpath; the jar directory is Debian's Java library directory unless the system property
 * {@value #LIB_DIR_PROPERTY} names another one.
 */
public final class JGlobusRunner {

    /** System property: the directory holding the jGlobus jars and their dependencies. */
    public static final String LIB_DIR_PROPERTY = "gantry.it.javaLibDir";

    private static final String MAIN_CLASS = "org.gantry.itests.jglobus.JGlobusClient";
    private static final List<String> JARS = List.of("jglobus-gridftp.jar", "jglobus-gss.jar",
            "jglobus-ssl-proxies.jar", "jglobus-jsse.jar", "bcprov.jar", "commons-logging.jar", "log4j-1.2.jar");

    private final String classpath;

    private JGlobusRunner(String classpath) {
        this.classpath = classpath;
    }

    /** Compiles the client into {@code output}; fails loudly if a jar is missing or javac complains. */
    public static JGlobusRunner compile(Path output) throws IOException {
        List<String> jars = jars();
        Path source = Path.of(GantryKarafTestSupport.required("gantry.repo"))
                .resolve("itests/src/test/jglobus/" + MAIN_CLASS.replace('.', '/') + ".java");
        assertTrue("jGlobus client source missing: " + source, Files.isRegularFile(source));
        TestData.emptyDirectory(output);

        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        assertTrue("this JVM has no Java compiler (javax.tools); run the tests on a JDK", javac != null);
        StringWriter diagnostics = new StringWriter();
        try (StandardJavaFileManager files = javac.getStandardFileManager(null, null, null)) {
            Iterable<? extends JavaFileObject> units = files.getJavaFileObjects(source.toFile());
            List<String> options = List.of("-classpath", String.join(File.pathSeparator, jars),
                    "-d", output.toString(), "-proc:none", "-encoding", "UTF-8");
            if (!javac.getTask(diagnostics, files, null, options, null, units).call()) {
                fail("compiling " + source + " against " + jars + " failed:\n" + diagnostics);
            }
        }
        List<String> runtime = new ArrayList<>(List.of(output.toString()));
        runtime.addAll(jars);
        return new JGlobusRunner(String.join(File.pathSeparator, runtime));
    }

    /** Runs the client: {@code host port step...} (see JGlobusClient). Returns exit code and output. */
    public CommandRunner.Result run(String... hostPortSteps) throws IOException {
        return runWith(Map.of(), hostPortSteps);
    }

    /**
     * Runs the client with system properties, e.g. {@code X509_USER_PROXY} and
     * {@code X509_CERT_DIR} (jGlobus reads them as properties, not from the environment) and
     * {@code gantry.gsi=true} for a GSI login instead of anonymous.
     */
    public CommandRunner.Result runWith(Map<String, String> properties, String... hostPortSteps) throws IOException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                // jGlobus logs through commons-logging; only warnings are worth reading.
                "-Dorg.apache.commons.logging.Log=org.apache.commons.logging.impl.SimpleLog",
                "-Dorg.apache.commons.logging.simplelog.defaultlog=warn"));
        properties.forEach((key, value) -> command.add("-D" + key + "=" + value));
        command.addAll(List.of("-cp", classpath, MAIN_CLASS));
        command.addAll(List.of(hostPortSteps));
        return CommandRunner.run(CommandRunner.CLIENT_TIMEOUT, Map.of(), command);
    }

    private static List<String> jars() {
        Path dir = Path.of(System.getProperty(LIB_DIR_PROPERTY, "/usr/share/java"));
        List<Path> jars = JARS.stream().map(dir::resolve).toList();
        List<Path> missing = jars.stream().filter(jar -> !Files.isRegularFile(jar)).toList();
        if (!missing.isEmpty()) {
            throw new AssertionError("jGlobus jars missing: " + missing + " (tools/install-test-deps.sh installs "
                    + "libjglobus-gridftp-java, libjglobus-gss-java, libjglobus-ssl-proxies-java and "
                    + "libjglobus-jsse-java; or set -D" + LIB_DIR_PROPERTY + "=DIR)");
        }
        return jars.stream().map(Path::toString).collect(Collectors.toList());
    }
}
