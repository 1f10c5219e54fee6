package org.gantry.core.internal;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.gantry.core.admin.Mount;
import org.gantry.core.internal.checksum.ChecksumSettings;
import org.gantry.core.internal.data.PortRange;
import org.gantry.core.internal.session.DataPeerPolicy;
import org.gantry.core.internal.session.ServerOptions;
import org.gantry.dsi.support.ChecksumAlgorithm;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Checks the component configuration and turns it into {@link ServerOptions}. */
final class ConfigMapping {

    private static final Logger LOG = LoggerFactory.getLogger(ConfigMapping.class);
    private static final Pattern PROPERTY = Pattern.compile("\\$\\{([^}]+)}");

    private ConfigMapping() {
    }

    static ServerOptions toOptions(GridFtpServerComponent.Config c) throws UnknownHostException {
        InetSocketAddress listen = new InetSocketAddress(InetAddress.getByName(c.listenAddress().trim()), c.port());
        PortRange ports;
        try {
            ports = PortRange.parse(c.passivePortRange());
        } catch (IllegalArgumentException e) {
            LOG.error("Ignoring passivePortRange '{}' ({}); using ephemeral ports", c.passivePortRange(),
                    e.getMessage());
            ports = PortRange.EPHEMERAL;
        }
        Optional<Path> logDir = c.commandLog()
                ? Optional.of(Path.of(expand(c.commandLogDirectory())))
                : Optional.empty();
        return new ServerOptions(listen, address(c.dataBindAddress()), address(c.advertisedAddress()), ports,
                mounts(c.mounts()), c.maxCommandLineLength(), Duration.ofSeconds(Math.max(1, c.idleTimeoutSeconds())),
                Duration.ofSeconds(Math.max(1, c.dataTimeoutSeconds())), Math.max(1, c.maxSessions()), logDir,
                c.banner(), Duration.ofSeconds(Math.max(1, c.markerIntervalSeconds())),
                Duration.ofSeconds(Math.max(0, c.stagingMarkerIntervalSeconds())), Math.max(1, c.maxParallelism()),
                c.zeroCopySends(), c.getPut(), new ChecksumSettings(checksumAlgorithms(c.onTheFlyChecksums()),
                        (long) Math.max(0, c.onTheFlyBufferMiB()) << 20),
                new DataPeerPolicy(c.portToOtherHosts(), c.passiveFromOtherHosts()));
    }

    /**
     * Wire tokens from entries that may each hold several, separated by commas or spaces (a
     * value set from the shell arrives as one string); unknown ones are logged and skipped.
     */
    static Set<String> checksumAlgorithms(String[] entries) {
        Set<String> tokens = new LinkedHashSet<>();
        for (String entry : entries == null ? new String[0] : entries) {
            for (String name : (entry == null ? "" : entry).split("[,\\s]+")) {
                if (name.isEmpty()) {
                    continue;
                }
                Optional<String> token = ChecksumAlgorithm.token(name);
                if (token.isPresent()) {
                    tokens.add(token.get());
                } else {
                    LOG.error("Ignoring unknown checksum algorithm '{}' in onTheFlyChecksums", name);
                }
            }
        }
        return tokens;
    }

    private static Optional<InetAddress> address(String text) throws UnknownHostException {
        return text == null || text.isBlank() ? Optional.empty() : Optional.of(InetAddress.getByName(text.trim()));
    }

    /** Invalid entries are logged and skipped, so one typo does not take the server down. */
    static List<Mount> mounts(String[] entries) {
        List<Mount> mounts = new ArrayList<>();
        for (String entry : entries == null ? new String[0] : entries) {
            if (entry == null || entry.isBlank()) {
                continue;
            }
            try {
                mounts.add(Mount.parse(entry.trim()));
            } catch (IllegalArgumentException e) {
                LOG.error("Ignoring mount '{}': {}", entry, e.getMessage());
            }
        }
        return mounts;
    }

    /** Expands {@code ${name}} from system properties; an unset property becomes the temp directory. */
    static String expand(String text) {
        Matcher m = PROPERTY.matcher(text);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            String value = System.getProperty(m.group(1));
            if (value == null) {
                value = System.getProperty("java.io.tmpdir");
                LOG.warn("System property {} is not set; using {}", m.group(1), value);
            }
            m.appendReplacement(sb, Matcher.quoteReplacement(value));
        }
        m.appendTail(sb);
        return sb.toString();
    }
}
