package org.gantry.core.internal;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.gantry.core.admin.DsiInstance;
import org.gantry.core.admin.DsiRegistry;
import org.gantry.core.admin.Mount;
import org.gantry.core.admin.ServerSettings;
import org.gantry.core.internal.storage.DsiEntry;
import org.gantry.core.internal.storage.DsiListener;
import org.gantry.core.internal.storage.MountResolver;
import org.gantry.core.internal.storage.MountTable;
import org.gantry.core.internal.storage.ResolvedPath;
import org.gantry.core.internal.storage.TransferRegistry;
import org.gantry.dsi.api.Dsi;
import org.gantry.dsi.api.StorageUnavailableException;
import org.osgi.framework.Bundle;
import org.osgi.framework.Constants;
import org.osgi.framework.FrameworkUtil;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tracks every {@link Dsi} service and maps server paths onto them through the mount table. The
 * server component pushes the configured mounts in; a DSI that goes away has its transfers
 * aborted (they answer 451) and its sessions dropped, while the server keeps serving.
 */
@Component(service = { DsiRegistry.class, MountResolver.class })
public class DsiRegistryComponent implements DsiRegistry, MountResolver {

    private static final Logger LOG = LoggerFactory.getLogger(DsiRegistryComponent.class);
    private static final long ABORT_WAIT_SECONDS = 5;

    private final Object lock = new Object();
    private final Map<String, List<DsiEntry>> byName = new HashMap<>();
    private final List<DsiListener> listeners = new CopyOnWriteArrayList<>();
    private final TransferRegistry transfers = new TransferRegistry();
    private volatile MountTable mountTable = MountTable.parse("/=" + ServerSettings.DEFAULT_DSI);

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void bindDsi(Dsi dsi, Map<String, Object> properties) {
        DsiEntry entry = entryOf(dsi, properties);
        synchronized (lock) {
            List<DsiEntry> list = byName.computeIfAbsent(entry.name(), n -> new ArrayList<>());
            list.add(entry);
            list.sort(Comparator.comparingInt(DsiEntry::ranking).reversed()
                    .thenComparingLong(DsiEntry::serviceId));
        }
        LOG.info("DSI {} ({}) registered", entry.name(), entry.type());
    }

    void unbindDsi(Dsi dsi, Map<String, Object> properties) {
        DsiEntry gone = null;
        synchronized (lock) {
            for (List<DsiEntry> list : byName.values()) {
                for (DsiEntry e : list) {
                    if (e.dsi() == dsi && e.serviceId() == serviceId(properties)) {
                        gone = e;
                    }
                }
                if (gone != null) {
                    list.remove(gone);
                    break;
                }
            }
            byName.values().removeIf(List::isEmpty);
        }
        if (gone != null) {
            LOG.info("DSI {} ({}) unregistered", gone.name(), gone.type());
            retire(gone);
        }
    }

    void updatedDsi(Dsi dsi, Map<String, Object> properties) {
        unbindDsi(dsi, properties);
        bindDsi(dsi, properties);
    }

    /** Aborts the transfers on a DSI that went away, waits briefly for them, drops its sessions. */
    private void retire(DsiEntry gone) {
        var stopped = transfers.abortAll(gone, new StorageUnavailableException(gone.name()));
        try {
            CompletableFuture.allOf(stopped.stream().map(s -> s.toCompletableFuture()
                    .exceptionally(t -> null)).toArray(CompletableFuture[]::new))
                    .get(ABORT_WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            LOG.warn("Transfers on DSI {} did not stop within {} s", gone.name(), ABORT_WAIT_SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (java.util.concurrent.ExecutionException e) {
            LOG.debug("abort failed", e);
        }
        for (DsiListener l : listeners) {
            try {
                l.dsiRemoved(gone);
            } catch (RuntimeException e) {
                LOG.error("DSI listener failed", e);
            }
        }
    }

    @Override
    public ResolvedPath resolve(String serverPath) throws StorageUnavailableException {
        Mount mount = mountTable.mountFor(serverPath);
        DsiEntry entry = serving(mount).orElseThrow(() -> new StorageUnavailableException(mount.dsiName()));
        return new ResolvedPath(mount, entry, MountTable.dsiPath(mount, serverPath));
    }

    /** The entry serving a mount: its DSI, else its fallback, else (for {@code /}) posix. */
    private Optional<DsiEntry> serving(Mount mount) {
        synchronized (lock) {
            Optional<DsiEntry> e = active(mount.dsiName());
            if (e.isEmpty() && mount.fallback().isPresent()) {
                e = active(mount.fallback().get());
            }
            if (e.isEmpty() && mount.path().equals("/")) {
                e = active(ServerSettings.DEFAULT_DSI);
            }
            return e;
        }
    }

    private Optional<DsiEntry> active(String name) {
        List<DsiEntry> list = byName.get(name);
        return list == null || list.isEmpty() ? Optional.empty() : Optional.of(list.get(0));
    }

    @Override
    public void setMounts(List<Mount> mounts) {
        mountTable = MountTable.of(mounts);
    }

    @Override
    public List<DsiEntry> servingEntries() {
        Set<DsiEntry> entries = new LinkedHashSet<>();
        for (Mount m : mountTable.mounts()) {
            serving(m).ifPresent(entries::add);
        }
        return List.copyOf(entries);
    }

    @Override
    public TransferRegistry transfers() {
        return transfers;
    }

    @Override
    public void addListener(DsiListener listener) {
        listeners.add(listener);
    }

    @Override
    public void removeListener(DsiListener listener) {
        listeners.remove(listener);
    }

    @Override
    public List<DsiInstance> instances() {
        List<DsiEntry> all = new ArrayList<>();
        synchronized (lock) {
            byName.values().forEach(all::addAll);
        }
        List<Mount> mounts = mountTable.mounts();
        return all.stream()
                .sorted(Comparator.comparing(DsiEntry::name).thenComparingLong(DsiEntry::serviceId))
                .map(e -> new DsiInstance(e.name(), e.type(), e.bundle(), e.bundleId(),
                        mounts.stream().filter(m -> serving(m).filter(e::equals).isPresent())
                                .map(Mount::path).toList(),
                        transfers.count(e), counters(e)))
                .toList();
    }

    @Override
    public List<Mount> mounts() {
        return mountTable.mounts();
    }

    @Override
    public Optional<String> activeDsiFor(String path) {
        try {
            return Optional.of(resolve(path).entry().name());
        } catch (StorageUnavailableException e) {
            return Optional.empty();
        }
    }

    /** A DSI's counters; one that fails to report shows none rather than breaking the listing. */
    private static Map<String, Long> counters(DsiEntry entry) {
        try {
            return entry.dsi().counters();
        } catch (RuntimeException e) {
            LOG.warn("DSI {} failed to report its counters", entry.name(), e);
            return Map.of();
        }
    }

    private static DsiEntry entryOf(Dsi dsi, Map<String, Object> props) {
        String name = String.valueOf(props.getOrDefault(Dsi.NAME, ""));
        String type = String.valueOf(props.getOrDefault(Dsi.TYPE, ""));
        Bundle bundle = FrameworkUtil.getBundle(dsi.getClass());
        long bundleId = props.get(Constants.SERVICE_BUNDLEID) instanceof Number n ? n.longValue()
                : bundle == null ? -1 : bundle.getBundleId();
        String bsn = bundle == null ? "" : bundle.getSymbolicName();
        int ranking = props.get(Constants.SERVICE_RANKING) instanceof Integer r ? r : 0;
        return new DsiEntry(name, type, dsi, bsn, bundleId, serviceId(props), ranking);
    }

    private static long serviceId(Map<String, Object> props) {
        return props.get(Constants.SERVICE_ID) instanceof Number n ? n.longValue() : -1;
    }
}
