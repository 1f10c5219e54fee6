package org.gantry.dsi.tape.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.gantry.dsi.api.DsiException;
import org.gantry.dsi.api.Locality;
import org.gantry.dsi.tape.admin.FileState;
import org.gantry.dsi.tape.admin.TapeAdmin;
import org.gantry.dsi.tape.admin.TapeOverview;
import org.gantry.dsi.tape.internal.cache.CacheStatus;
import org.gantry.dsi.tape.internal.catalogue.CatalogueEntry;
import org.gantry.dsi.tape.internal.library.Fault;
import org.gantry.dsi.tape.internal.library.LibraryStatus;
import org.gantry.dsi.tape.internal.library.TapeLocation;

/** The operator's view of one {@link TapeDsi}: what the shell commands call. */
final class TapeAdminService implements TapeAdmin {

    private final TapeDsi dsi;

    TapeAdminService(TapeDsi dsi) {
        this.dsi = dsi;
    }

    @Override
    public String name() {
        return dsi.name();
    }

    @Override
    public TapeOverview overview() {
        LibraryStatus library = dsi.library().status();
        Instant now = Instant.now();
        List<TapeOverview.Drive> drives = library.drives().stream()
                .map(d -> new TapeOverview.Drive(d.number(), d.state().name(), d.cartridge() == null ? "" : d.cartridge(),
                        Duration.between(d.since(), now)))
                .toList();
        List<TapeOverview.Cartridge> cartridges = library.cartridges().stream()
                .map(c -> new TapeOverview.Cartridge(c.label(), c.family() == null ? "" : c.family(), c.usedBytes(),
                        c.capacity(), c.disabled(), c.mounted()))
                .toList();
        List<TapeOverview.Queued> queue = new ArrayList<>();
        library.flushes().forEach(f -> queue.add(new TapeOverview.Queued("FLUSH", dsi.catalogue().pathOf(f.fileId()),
                f.family(), "", 0, f.age())));
        library.recalls().forEach(r -> queue.add(new TapeOverview.Queued("RECALL", dsi.catalogue().pathOf(r.fileId()),
                r.cartridge(), r.requester(), r.priority(), r.age())));
        queue.sort((a, b) -> b.age().compareTo(a.age()));
        return new TapeOverview(drives, cartridges, queue, metrics(library, dsi.cache().status()));
    }

    private Map<String, Long> metrics(LibraryStatus library, CacheStatus cache) {
        Map<String, Long> m = new HashMap<>(dsi.counters());
        LibraryStatus.Counters c = library.counters();
        m.put("flushesQueued", (long) library.flushes().size());
        m.put("recallsQueued", (long) library.recalls().size());
        m.put("mounts", c.mounts());
        m.put("mountFailures", c.mountFailures());
        m.put("unmounts", c.unmounts());
        m.put("filesFlushed", c.filesFlushed());
        m.put("bytesFlushed", c.bytesFlushed());
        m.put("filesRecalled", c.filesRecalled());
        m.put("bytesRecalled", c.bytesRecalled());
        m.put("flushesFailed", c.flushesFailed());
        m.put("recallsFailed", c.recallsFailed());
        m.put("cacheCapacityBytes", cache.capacity());
        m.put("cacheFiles", (long) cache.files());
        m.put("cachePinned", (long) cache.pinned());
        return m;
    }

    @Override
    public FileState file(String path) {
        return state(entry(path));
    }

    @Override
    public FileState stage(String path, String requester) {
        CatalogueEntry file = entry(path);
        try {
            dsi.recalls().request(file, requester);
        } catch (DsiException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
        return file(path);
    }

    @Override
    public FileState evict(String path) {
        try {
            dsi.cache().evict(entry(path).id());
        } catch (DsiException e) {
            throw new IllegalArgumentException(path + ": cannot evict: " + e.getMessage(), e);
        }
        return file(path);
    }

    @Override
    public FileState setLost(String path, boolean lost) {
        CatalogueEntry e = entry(path);
        return flag(path, lost, e.unavailable());
    }

    @Override
    public FileState setUnavailable(String path, boolean unavailable) {
        CatalogueEntry e = entry(path);
        return flag(path, e.lost(), unavailable);
    }

    @Override
    public List<String> faults() {
        return dsi.library().faults().describe();
    }

    @Override
    public void inject(String fault) {
        dsi.library().faults().inject(Fault.parse(fault));
    }

    @Override
    public void clearFaults() {
        dsi.library().faults().clear();
    }

    private FileState flag(String path, boolean lost, boolean unavailable) {
        try {
            return state(dsi.catalogue().setFlags(path, lost, unavailable));
        } catch (DsiException e) {
            throw new IllegalArgumentException(path + ": " + e.getMessage(), e);
        }
    }

    private CatalogueEntry entry(String path) {
        try {
            CatalogueEntry e = dsi.catalogue().lookup(path);
            if (e.directory()) {
                throw new IllegalArgumentException(path + ": is a directory");
            }
            return e;
        } catch (DsiException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    private FileState state(CatalogueEntry e) {
        Map<String, String> checksums = new HashMap<>();
        e.checksums().forEach(c -> checksums.put(c.algorithm(), c.value()));
        Locality locality = e.locality();
        return new FileState(dsi.catalogue().pathOf(e.id()), locality.name(), e.size(), e.cached(),
                e.tape().map(TapeLocation::format), e.family(), dsi.recalls().inFlight(e.id()), checksums);
    }
}
