package org.gantry.dsi.tape.internal.catalogue;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * The catalogue's in-memory state: entries by id, each directory's names, pending recalls; and
 * how journal records rebuild it. Guarded by the {@link Catalogue}'s lock.
 */
final class CatalogueIndex {

    static final String DELETED = "D";

    final Map<Long, CatalogueEntry> entries = new HashMap<>();
    final Map<Long, NavigableMap<String, Long>> children = new HashMap<>();
    final Map<Long, PendingRecall> recalls = new LinkedHashMap<>();

    /** Builds the name maps once the records are replayed (a child may come before its parent). */
    void linkChildren(long rootId) {
        entries.values().forEach(e -> {
            if (e.directory()) {
                children.computeIfAbsent(e.id(), id -> new TreeMap<>());
            }
        });
        for (CatalogueEntry e : entries.values()) {
            if (e.id() != rootId) {
                children.computeIfAbsent(e.parent(), id -> new TreeMap<>()).put(e.name(), e.id());
            }
        }
    }

    void remember(CatalogueEntry entry) {
        CatalogueEntry before = entries.put(entry.id(), entry);
        if (before != null && before.id() != Catalogue.ROOT_ID) {
            NavigableMap<String, Long> oldSiblings = children.get(before.parent());
            if (oldSiblings != null && Long.valueOf(entry.id()).equals(oldSiblings.get(before.name()))) {
                oldSiblings.remove(before.name());
            }
        }
        if (entry.id() != Catalogue.ROOT_ID) {
            children.computeIfAbsent(entry.parent(), id -> new TreeMap<>()).put(entry.name(), entry.id());
        }
    }

    void forget(CatalogueEntry entry) {
        entries.remove(entry.id());
        NavigableMap<String, Long> siblings = children.get(entry.parent());
        if (siblings != null && Long.valueOf(entry.id()).equals(siblings.get(entry.name()))) {
            siblings.remove(entry.name());
        }
        recalls.remove(entry.id());
    }

    /** Applies one journal record while opening (children maps are built afterwards). */
    void replay(List<String> record) {
        switch (record.get(0)) {
            case CatalogueEntry.RECORD -> {
                CatalogueEntry entry = CatalogueEntry.fromRecord(record);
                entries.put(entry.id(), entry);
            }
            case DELETED -> {
                long id = Long.parseLong(record.get(1));
                entries.remove(id);
                recalls.remove(id);
            }
            case PendingRecall.ADDED -> {
                PendingRecall recall = PendingRecall.fromRecord(record);
                recalls.put(recall.fileId(), recall);
            }
            case PendingRecall.ENDED -> recalls.remove(Long.parseLong(record.get(1)));
            default -> throw new IllegalArgumentException("unknown catalogue record " + record.get(0));
        }
    }
}
