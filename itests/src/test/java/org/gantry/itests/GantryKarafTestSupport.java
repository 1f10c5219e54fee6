package org.gantry.itests;

import static org.ops4j.pax.exam.CoreOptions.composite;
import static org.ops4j.pax.exam.CoreOptions.maven;
import static org.ops4j.pax.exam.CoreOptions.options;
import static org.ops4j.pax.exam.CoreOptions.systemProperty;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.configureConsole;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.editConfigurationFilePut;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.karafDistributionConfiguration;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.keepRuntimeFolder;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.logLevel;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Dictionary;
import java.util.Hashtable;

import org.gantry.core.admin.ServerSettings;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.karaf.options.LogLevelOption.LogLevel;
import org.ops4j.pax.exam.options.MavenArtifactUrlReference;
import org.ops4j.pax.exam.options.extra.VMOption;
import org.osgi.service.cm.ConfigurationAdmin;

/**
 * Boots the real Gantry assembly (the tar.gz from karaf-assembly) in a Pax Exam Karaf container:
 * the FTP port is a free port picked here, anonymous logins are read-write, the POSIX DSI serves
 * an empty directory under target/, and Karaf's ssh/RMI ports are free ones too. The container
 * sees the FTP port and the POSIX root as system properties.
 *
 * <p>The unpacked container is kept under target/exam/ so that data/log/karaf.log can be read
 * after a failure ({@code mvn clean} removes it).
 */
public abstract class GantryKarafTestSupport {

    /** System property (inside the container): the FTP control port. */
    protected static final String FTP_PORT = "gantry.it.ftpPort";
    /** System property (inside the container): the directory the POSIX DSI serves. */
    protected static final String POSIX_ROOT = "gantry.it.posixRoot";

    @Configuration
    public Option[] configuration() throws IOException {
        String karafVersion = required("karaf.version");
        Path work = Path.of(required("gantry.itests.work")).toAbsolutePath();
        Path posixRoot = TestData.emptyDirectory(work.resolve(getClass().getSimpleName()).resolve("posix-root"));
        MavenArtifactUrlReference assembly = maven().groupId("org.gantry")
                .artifactId("gantry-karaf-assembly").version(required("gantry.version")).type("tar.gz");
        String ftpPort = String.valueOf(FreePorts.pick());
        return options(
                karafDistributionConfiguration().frameworkUrl(assembly).name("gantry")
                        .karafVersion(karafVersion).unpackDirectory(work.resolve("exam").toFile())
                        .useDeployFolder(false),
                keepRuntimeFolder(),
                configureConsole().ignoreLocalConsole().ignoreRemoteShell(),
                logLevel(LogLevel.INFO),
                composite(java17Options(karafVersion)),
                // Karaf inside the container only knows the local repository (offline assembly).
                editConfigurationFilePut("etc/org.ops4j.pax.url.mvn.cfg", "org.ops4j.pax.url.mvn.localRepository",
                        required("org.ops4j.pax.url.mvn.localRepository")),
                // Never Karaf's default ports: a developer's Karaf may be running.
                editConfigurationFilePut("etc/org.apache.karaf.shell.cfg", "sshPort", String.valueOf(FreePorts.pick())),
                editConfigurationFilePut("etc/org.apache.karaf.management.cfg", "rmiRegistryPort", String.valueOf(FreePorts.pick())),
                editConfigurationFilePut("etc/org.apache.karaf.management.cfg", "rmiServerPort", String.valueOf(FreePorts.pick())),
                editConfigurationFilePut("etc/org.gantry.server.cfg", "listenAddress", "127.0.0.1"),
                editConfigurationFilePut("etc/org.gantry.server.cfg", "port", ftpPort),
                // GridFTP v1 behaviour unless a test asks for GET/PUT.
                editConfigurationFilePut("etc/org.gantry.server.cfg", "getPut", "false"),
                editConfigurationFilePut("etc/org.gantry.dsi.posix-posix.cfg", "root", posixRoot.toString()),
                editConfigurationFilePut("etc/org.gantry.security.cfg", "anonymous", "true"),
                editConfigurationFilePut("etc/org.gantry.security.cfg", "anonymousReadOnly", "false"),
                systemProperty(FTP_PORT).value(ftpPort),
                systemProperty(POSIX_ROOT).value(posixRoot.toString()),
                // Services may come up a little after the container reports ready.
                systemProperty("pax.exam.service.timeout").value("60000"));
    }

    protected static int ftpPort() {
        return Integer.parseInt(required(FTP_PORT));
    }

    protected static Path posixRoot() {
        return Path.of(required(POSIX_ROOT));
    }

    /** Replaces the server's mount table through ConfigAdmin, keeping every other setting (the port above all). */
    protected static void setMounts(ConfigurationAdmin configurationAdmin, String... mounts) throws IOException {
        // Not Pax Exam's @Configuration, which this class also uses.
        org.osgi.service.cm.Configuration configuration = configurationAdmin.getConfiguration(ServerSettings.PID, null);
        Dictionary<String, Object> properties = configuration.getProperties();
        if (properties == null) {
            properties = new Hashtable<>();
        }
        properties.put(ServerSettings.MOUNTS, mounts);
        configuration.update(properties);
    }

    /** The flags Karaf's bin/karaf passes on Java 9+; KarafTestContainer does not add them. */
    private static Option[] java17Options(String karafVersion) {
        String[] flags = {
            "--add-reads=java.xml=java.logging",
            "--add-exports=java.base/org.apache.karaf.specs.locator=java.xml,ALL-UNNAMED",
            "--patch-module=java.base=lib/endorsed/org.apache.karaf.specs.locator-" + karafVersion + ".jar",
            "--patch-module=java.xml=lib/endorsed/org.apache.karaf.specs.java.xml-" + karafVersion + ".jar",
            "--add-opens=java.base/java.security=ALL-UNNAMED",
            "--add-opens=java.base/java.net=ALL-UNNAMED",
            "--add-opens=java.base/java.lang=ALL-UNNAMED",
            "--add-opens=java.base/java.util=ALL-UNNAMED",
            "--add-opens=java.naming/javax.naming.spi=ALL-UNNAMED",
            "--add-opens=java.rmi/sun.rmi.transport.tcp=ALL-UNNAMED",
            "--add-exports=java.base/sun.net.www.protocol.file=ALL-UNNAMED",
            "--add-exports=java.base/sun.net.www.protocol.ftp=ALL-UNNAMED",
            "--add-exports=java.base/sun.net.www.protocol.http=ALL-UNNAMED",
            "--add-exports=java.base/sun.net.www.protocol.https=ALL-UNNAMED",
            "--add-exports=java.base/sun.net.www.protocol.jar=ALL-UNNAMED",
            "--add-exports=java.base/sun.net.www.content.text=ALL-UNNAMED",
            "--add-exports=jdk.xml.dom/org.w3c.dom.html=ALL-UNNAMED",
            "--add-exports=jdk.naming.rmi/com.sun.jndi.url.rmi=ALL-UNNAMED",
            "--add-exports=java.rmi/sun.rmi.registry=ALL-UNNAMED",
            "--add-exports=java.security.sasl/com.sun.security.sasl=ALL-UNNAMED",
            "--add-exports=java.naming/com.sun.jndi.ldap=ALL-UNNAMED",
            "-classpath", "lib/jdk9plus/*:lib/boot/*",
        };
        Option[] options = new Option[flags.length];
        for (int i = 0; i < flags.length; i++) {
            options[i] = new VMOption(flags[i]);
        }
        return options;
    }

    static String required(String property) {
        String value = System.getProperty(property);
        if (value == null || value.isBlank()) {
            throw new AssertionError("system property " + property + " is not set (run through Maven failsafe)");
        }
        return value;
    }
}
