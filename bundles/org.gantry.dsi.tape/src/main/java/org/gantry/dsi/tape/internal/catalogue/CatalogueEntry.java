package org.gantry.dsi.tape.internal.catalogue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.gantry.dsi.api.Checksum;
import org.gantry.dsi.api.Locality;
import org.gantry.dsi.tape.internal.library.TapeLocation;

/**
 * What the catalogue knows about one file or directory. Immutable: a change makes a new entry.
 *
 * @param id          never reused; names the file's disk-cache copy
 * @param parent      the directory's id (0 for the root)
 * @param name        the last path element ("" for the root)
 * @param directory   a directory rather than a file
 * @param size        bytes of the file
 * @param modified    modification time
 * @param created     when the entry was created (flushes go in this order)
 * @param mode        permission bits
 * @param owner       the user who created it
 * @param checksums   values recorded when the file was written (ADLER32 at least)
 * @param cached      a complete copy is on the disk cache
 * @param tape        where the tape copy is, once a flush succeeded
 * @param family      the file family (storage class) the file is flushed with
 * @param lost        the data is gone from every medium
 * @param unavailable the data exists but cannot be read now (operator's flag)
 */
public record CatalogueEntry(long id, long parent, String name, boolean directory, long size, Instant modified,
        Instant created, int mode, String owner, List<Checksum> checksums, boolean cached,
        Optional<TapeLocation> tape, String family, boolean lost, boolean unavailable) {

    public CatalogueEntry {
        checksums = List.copyOf(checksums);
    }

    static CatalogueEntry newDirectory(long id, long parent, String name, Instant now, String owner, int mode) {
        return new CatalogueEntry(id, parent, name, true, 0, now, now, mode, owner, List.of(), false,
                Optional.empty(), "", false, false);
    }

    /** Where the data is, in the WLCG vocabulary; an empty file counts as on disk. */
    public Locality locality() {
        if (directory) {
            return Locality.NONE;
        }
        if (lost) {
            return Locality.LOST;
        }
        if (unavailable) {
            return Locality.UNAVAILABLE;
        }
        if (size == 0) {
            return Locality.ONLINE;
        }
        if (cached) {
            return tape.isPresent() ? Locality.ONLINE_AND_NEARLINE : Locality.ONLINE;
        }
        return tape.isPresent() ? Locality.NEARLINE : Locality.LOST;
    }

    /** A file on disk only that still needs its tape copy. */
    public boolean needsFlush() {
        return !directory && cached && tape.isEmpty() && size > 0 && !lost;
    }

    public Optional<String> checksum(String algorithm) {
        return checksums.stream().filter(c -> c.algorithm().equals(algorithm)).map(Checksum::value).findFirst();
    }

    CatalogueEntry moved(long newParent, String newName) {
        return new CatalogueEntry(id, newParent, newName, directory, size, modified, created, mode, owner, checksums,
                cached, tape, family, lost, unavailable);
    }

    CatalogueEntry withModified(Instant time) {
        return new CatalogueEntry(id, parent, name, directory, size, time, created, mode, owner, checksums, cached,
                tape, family, lost, unavailable);
    }

    CatalogueEntry withMode(int newMode) {
        return new CatalogueEntry(id, parent, name, directory, size, modified, created, newMode, owner, checksums,
                cached, tape, family, lost, unavailable);
    }

    CatalogueEntry withCached(boolean onDisk) {
        return new CatalogueEntry(id, parent, name, directory, size, modified, created, mode, owner, checksums,
                onDisk, tape, family, lost, unavailable);
    }

    CatalogueEntry withTape(TapeLocation location) {
        return new CatalogueEntry(id, parent, name, directory, size, modified, created, mode, owner, checksums,
                cached, Optional.of(location), family, lost, unavailable);
    }

    CatalogueEntry withFlags(boolean isLost, boolean isUnavailable) {
        return new CatalogueEntry(id, parent, name, directory, size, modified, created, mode, owner, checksums,
                cached, tape, family, isLost, isUnavailable);
    }

    CatalogueEntry withChecksum(Checksum value) {
        List<Checksum> values = new ArrayList<>(checksums);
        values.removeIf(c -> c.algorithm().equals(value.algorithm()));
        values.add(value);
        return new CatalogueEntry(id, parent, name, directory, size, modified, created, mode, owner, values,
                cached, tape, family, lost, unavailable);
    }

    // ---- journal form

    static final String RECORD = "E";

    List<String> toRecord() {
        List<String> checksumFields = new ArrayList<>();
        checksums.forEach(c -> checksumFields.add(c.algorithm() + ":" + c.value()));
        return List.of(RECORD, Long.toString(id), Long.toString(parent), name, directory ? "d" : "f",
                Long.toString(size), modified.toString(), created.toString(), Integer.toOctalString(mode), owner,
                String.join(",", checksumFields), cached ? "1" : "0", tape.map(TapeLocation::format).orElse("-"),
                family, lost ? "1" : "0", unavailable ? "1" : "0");
    }

    static CatalogueEntry fromRecord(List<String> f) {
        if (f.size() != 16 || !f.get(0).equals(RECORD)) {
            throw new IllegalArgumentException("not an entry record: " + f);
        }
        List<Checksum> checksums = new ArrayList<>();
        if (!f.get(10).isEmpty()) {
            for (String pair : f.get(10).split(",")) {
                int colon = pair.indexOf(':');
                checksums.add(new Checksum(pair.substring(0, colon), pair.substring(colon + 1)));
            }
        }
        return new CatalogueEntry(Long.parseLong(f.get(1)), Long.parseLong(f.get(2)), f.get(3), f.get(4).equals("d"),
                Long.parseLong(f.get(5)), Instant.parse(f.get(6)), Instant.parse(f.get(7)),
                Integer.parseInt(f.get(8), 8), f.get(9), checksums, f.get(11).equals("1"),
                f.get(12).equals("-") ? Optional.empty() : Optional.of(TapeLocation.parse(f.get(12))), f.get(13),
                f.get(14).equals("1"), f.get(15).equals("1"));
    }
}
