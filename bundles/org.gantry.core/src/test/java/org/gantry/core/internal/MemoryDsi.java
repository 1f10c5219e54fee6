package org.gantry.core.internal;

import java.net.InetSocketAddress;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import org.gantry.dsi.api.Dsi;
import org.gantry.dsi.api.DsiCapabilities;
import org.gantry.dsi.api.DsiException;
import org.gantry.dsi.api.DsiSession;
import org.gantry.dsi.api.FileInfo;
import org.gantry.dsi.api.FileType;
import org.gantry.dsi.api.Locality;
import org.gantry.dsi.api.NotDirectoryException;
import org.gantry.dsi.api.NotFoundException;
import org.gantry.dsi.api.SessionContext;
import org.gantry.dsi.api.SiteCommand;
import org.gantry.dsi.api.SiteReply;

/**
 * A small in-memory DSI for the tests. Operations complete on another thread, as a real
 * back-end's would. It records every path it is asked about and counts writers, so tests can
 * check what the core did.
 */
final class MemoryDsi implements Dsi {

    static final Executor ASYNC = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "memory-dsi");
        t.setDaemon(true);
        return t;
    });
    private static final AtomicLong IDS = new AtomicLong();

    final String name;
    final Map<String, Node> nodes = new ConcurrentHashMap<>();
    final Set<String> requestedPaths = ConcurrentHashMap.newKeySet();
    final AtomicInteger openWriters = new AtomicInteger();
    final AtomicInteger abortedWriters = new AtomicInteger();
    final AtomicInteger openSessions = new AtomicInteger();
    volatile long capacity = Long.MAX_VALUE;
    /** Where the placement hook puts every file's data; null leaves it to the core. */
    volatile InetSocketAddress placeAt;
    /** Whether the DSI offers symbolic links; created ones are recorded in {@link #links}, not followed. */
    volatile boolean symlinks;
    final Map<String, String> links = new ConcurrentHashMap<>();
    /** The placement hook answers once this completes (a remote mover starting). */
    volatile CompletableFuture<Void> placementGate = CompletableFuture.completedFuture(null);
    /** Every placement question asked, as "direction path". */
    final List<String> placements = new CopyOnWriteArrayList<>();
    volatile long serviceId;
    /** Whether the DSI declares staging (files then carry their {@link Node#locality}). */
    volatile boolean staging;
    /** How long openRead takes before it answers (a recall from tape). */
    volatile java.time.Duration openReadDelay = java.time.Duration.ZERO;
    /** What openRead fails with after its delay; null: it succeeds. */
    volatile DsiException openReadFailure;
    final AtomicInteger openReads = new AtomicInteger();
    /** How long an ADLER32 takes, in ten steps that report progress; null: no checksums at all. */
    volatile java.time.Duration checksumTime;

    MemoryDsi(String name) {
        this.name = name;
        nodes.put("/", Node.dir());
    }

    /** Service properties as the DS runtime would pass them. */
    Map<String, Object> properties(long serviceId) {
        return Map.of(Dsi.NAME, name, Dsi.TYPE, "memory", "service.id", serviceId);
    }

    void put(String path, byte[] data) {
        nodes.put(path, Node.file(data));
    }

    void mkdirs(String path) {
        nodes.put(path, Node.dir());
    }

    byte[] content(String path) {
        Node n = nodes.get(path);
        return n == null || n.data == null ? null : n.data.clone();
    }

    long used() {
        return nodes.values().stream().filter(n -> n.data != null).mapToLong(n -> n.data.length).sum();
    }

    @Override
    public DsiCapabilities capabilities() {
        return new DsiCapabilities(false, true, true, false, symlinks, true, true,
                checksumTime == null ? Set.of() : Set.of("ADLER32"), false, staging);
    }

    @Override
    public CompletionStage<DsiSession> openSession(SessionContext context) {
        openSessions.incrementAndGet();
        return CompletableFuture.completedFuture(new MemoryDsiSession(this));
    }

    @Override
    public List<SiteCommand> siteCommands() {
        return List.of(new SiteCommand() {
            @Override
            public String name() {
                return "STAGE";
            }

            @Override
            public String help() {
                return "STAGE <sp> path";
            }

            @Override
            public CompletionStage<SiteReply> execute(DsiSession session, String arguments,
                    org.gantry.dsi.api.PathResolver paths) {
                try {
                    String p = paths.resolve(arguments);
                    return CompletableFuture.completedFuture(new SiteReply(250, "Staged " + p + " on " + name));
                } catch (DsiException e) {
                    return CompletableFuture.failedFuture(e);
                }
            }
        });
    }

    static final class Node {
        final long id = IDS.incrementAndGet();
        volatile byte[] data;
        volatile Instant modified = Instant.parse("2026-01-02T03:04:05Z");
        volatile int mode;
        volatile Locality locality = Locality.ONLINE;

        static Node dir() {
            Node n = new Node();
            n.mode = 0755;
            return n;
        }

        static Node file(byte[] data) {
            Node n = new Node();
            n.data = data;
            n.mode = 0644;
            return n;
        }

        boolean isDir() {
            return data == null;
        }
    }

    <T> CompletionStage<T> async(Op<T> op) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return op.run();
            } catch (DsiException e) {
                throw new java.util.concurrent.CompletionException(e);
            }
        }, ASYNC);
    }

    @FunctionalInterface
    interface Op<T> {
        T run() throws DsiException;
    }

    Node node(String path) throws NotFoundException {
        requestedPaths.add(path);
        if (path.endsWith("/boom")) {
            throw new IllegalStateException("a back-end bug");
        }
        Node n = nodes.get(path);
        if (n == null) {
            throw new NotFoundException(path);
        }
        return n;
    }

    static String parent(String path) {
        int slash = path.lastIndexOf('/');
        return slash <= 0 ? "/" : path.substring(0, slash);
    }

    void requireParentDir(String path) throws DsiException {
        Node p = node(parent(path));
        if (!p.isDir()) {
            throw new NotDirectoryException(parent(path));
        }
    }

    List<String> children(String dir) {
        String prefix = dir.equals("/") ? "/" : dir + "/";
        List<String> names = new ArrayList<>();
        for (String p : nodes.keySet()) {
            if (!p.equals("/") && p.startsWith(prefix) && p.indexOf('/', prefix.length()) < 0) {
                names.add(p);
            }
        }
        names.sort(null);
        return names;
    }

    FileInfo info(String path, Node n) {
        String nm = path.equals("/") ? "/" : path.substring(path.lastIndexOf('/') + 1);
        return new FileInfo(nm, n.isDir() ? FileType.DIRECTORY : FileType.FILE, n.isDir() ? 0 : n.data.length,
                n.modified, Optional.empty(), n.mode, Optional.of("owner"), Optional.of("group"), 1000, 100, 1,
                Optional.empty(), Optional.of("m-" + n.id), List.of(), n.isDir() ? Locality.NONE : n.locality);
    }

}
