package org.gantry.itests;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.sun.security.auth.module.UnixSystem;

/**
 * A network namespace of the test's own ({@code ip netns}), with only {@code lo} up: commands run
 * inside it see their own loopback and their own iptables, so a test can change routing and NAT
 * without touching the machine's. Needs root; without it the test fails and says so.
 */
final class NetworkNamespace implements AutoCloseable {

    private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(30);
    /** {@code iptables-save -c} prefixes each rule with {@code [packets:bytes]}. */
    private static final Pattern COUNTERS = Pattern.compile("^\\[(\\d+):\\d+\\] ");

    private final String name;

    private NetworkNamespace(String name) {
        this.name = name;
    }

    /** Creates {@code <prefix>-<random>} and brings its loopback up. */
    static NetworkNamespace create(String prefix, String why) throws IOException {
        long uid = new UnixSystem().getUid();
        if (uid != 0) {
            throw new AssertionError(why + " needs root (it creates a network namespace and iptables rules in it; "
                    + "CI runs the itests as root), but runs as uid " + uid);
        }
        CommandRunner.requireTool("ip");
        CommandRunner.requireTool("iptables");
        CommandRunner.requireTool("iptables-save");
        String name = prefix + "-" + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt());
        onHost(List.of("ip", "netns", "add", name)).assertSuccess();
        NetworkNamespace namespace = new NetworkNamespace(name);
        try {
            onHost(List.of("ip", "-n", name, "link", "set", "lo", "up")).assertSuccess();
        } catch (Throwable failed) {
            namespace.close();
            throw failed;
        }
        return namespace;
    }

    String name() {
        return name;
    }

    /** The prefix that runs a command inside: {@code ip netns exec <name>}. */
    List<String> exec() {
        return List.of("ip", "netns", "exec", name);
    }

    /** Runs {@code command} inside the namespace (its result is not checked). */
    CommandRunner.Result run(Duration timeout, List<String> command) throws IOException {
        List<String> inside = new ArrayList<>(exec());
        inside.addAll(command);
        return CommandRunner.run(timeout, Map.of(), inside);
    }

    /**
     * Joins this namespace and {@code other} with a veth pair: {@code here} and {@code there}
     * (addresses with prefix, e.g. {@code 10.213.7.1/30}) on either end. Traffic between them is
     * real network traffic, not loopback, and never leaves the two namespaces.
     */
    void link(NetworkNamespace other, String here, String there) throws IOException {
        String suffix = HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt());
        String mine = "gv" + suffix;
        String theirs = "gw" + suffix;
        onHost(List.of("ip", "link", "add", mine, "netns", name, "type", "veth", "peer", "name", theirs,
                "netns", other.name)).assertSuccess();
        onHost(List.of("ip", "-n", name, "addr", "add", here, "dev", mine)).assertSuccess();
        onHost(List.of("ip", "-n", name, "link", "set", mine, "up")).assertSuccess();
        onHost(List.of("ip", "-n", other.name, "addr", "add", there, "dev", theirs)).assertSuccess();
        onHost(List.of("ip", "-n", other.name, "link", "set", theirs, "up")).assertSuccess();
    }

    /** {@code iptables <args>} inside the namespace; fails unless it succeeds. */
    void iptables(String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of("iptables", "-w"));
        command.addAll(List.of(args));
        run(COMMAND_TIMEOUT, command).assertSuccess();
    }

    /** The packet counter of the one rule of {@code table} tagged {@code -m comment --comment <tag>}. */
    long packets(String table, String tag) throws IOException {
        String rules = run(COMMAND_TIMEOUT, List.of("iptables-save", "-c", "-t", table)).assertSuccess().output();
        List<Long> found = new ArrayList<>();
        for (String line : rules.lines().toList()) {
            Matcher counters = COUNTERS.matcher(line);
            if (counters.find() && (line + " ").contains(" --comment " + tag + " ")) {
                found.add(Long.parseLong(counters.group(1)));
            }
        }
        if (found.size() != 1) {
            throw new AssertionError("expected one rule tagged " + tag + " in table " + table + " of " + name
                    + ", found " + found.size() + ":\n" + rules);
        }
        return found.get(0);
    }

    /** Deletes the namespace; processes still inside keep it alive until they exit. */
    @Override
    public void close() throws IOException {
        onHost(List.of("ip", "netns", "delete", name)).assertSuccess();
    }

    private static CommandRunner.Result onHost(List<String> command) throws IOException {
        return CommandRunner.run(COMMAND_TIMEOUT, Map.of(), command);
    }
}
