package org.gantry.security.internal.gridmap;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.gantry.security.internal.file.Reloading;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A grid-mapfile ({@link GridMapLine} format), read again on the first lookup after it changed.
 * The first line for a DN counts (as in Globus); bad lines are skipped with a warning naming the
 * line number. DNs compare exactly, except that the old {@code Email=} / {@code E=} spellings of
 * {@code emailAddress=} are taken as the same attribute.
 */
public final class GridMapFile {

    private static final Logger LOG = LoggerFactory.getLogger(GridMapFile.class);

    private final Reloading<Map<String, List<String>>> entries;

    public GridMapFile(Path file) {
        this.entries = new Reloading<>(file, GridMapFile::load);
    }

    public Path path() {
        return entries.path();
    }

    /** The accounts {@code dn} may use, default first; empty if the DN is not in the file. */
    public List<String> accountsFor(String dn) {
        return entries.get().getOrDefault(normalize(dn), List.of());
    }

    static String normalize(String dn) {
        return dn.replace("/Email=", "/emailAddress=").replace("/E=", "/emailAddress=");
    }

    private static Map<String, List<String>> load(Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            LOG.warn("Cannot read grid-mapfile {} ({}); no DN is mapped", file, e.toString());
            return Map.of();
        }
        Map<String, List<String>> entries = new LinkedHashMap<>();
        for (int i = 0; i < lines.size(); i++) {
            if (GridMapLine.isIgnorable(lines.get(i))) {
                continue;
            }
            try {
                GridMapLine line = GridMapLine.parse(lines.get(i));
                if (entries.putIfAbsent(normalize(line.dn()), line.accounts()) != null) {
                    LOG.warn("{} line {}: {} is mapped again; the first line counts", file, i + 1, line.dn());
                }
            } catch (IllegalArgumentException e) {
                LOG.warn("{} line {} skipped: {}", file, i + 1, e.getMessage());
            }
        }
        LOG.info("Loaded {} DN(s) from grid-mapfile {}", entries.size(), file);
        return Map.copyOf(entries);
    }
}
