package org.gantry.dsi.tape.internal.library;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;

/**
 * The library's directory: one backing file per cartridge ({@code <label>.tape}, whose length is
 * the append position) and {@value #STATE_FILE} with each cartridge's family and disabled flag.
 * Thread-safe; the state file is replaced atomically on every change.
 */
final class CartridgeStore {

    static final String STATE_FILE = "library.state";

    private final Path directory;
    private final long capacity;
    private final List<String> labels = new ArrayList<>();
    private final Map<String, String> families = new HashMap<>();
    private final Map<String, Long> used = new HashMap<>();
    private final Set<String> disabled = new TreeSet<>();

    CartridgeStore(Path directory, int cartridges, long capacity) throws IOException {
        this.directory = Files.createDirectories(directory);
        this.capacity = capacity;
        for (int i = 0; i < cartridges; i++) {
            String label = String.format("T%05d", i);
            labels.add(label);
            Path file = backingFile(label);
            used.put(label, Files.exists(file) ? Files.size(file) : 0L);
        }
        load();
    }

    List<String> labels() {
        return List.copyOf(labels);
    }

    long capacity() {
        return capacity;
    }

    synchronized Optional<String> family(String label) {
        return Optional.ofNullable(families.get(label));
    }

    synchronized long used(String label) {
        return used.get(label);
    }

    synchronized boolean persistedDisabled(String label) {
        return disabled.contains(label);
    }

    synchronized Set<String> disabledLabels() {
        return Set.copyOf(disabled);
    }

    boolean exists(String label) {
        return used.containsKey(label);
    }

    /**
     * The cartridge a family's next file of {@code size} bytes goes to: the family's cartridge with
     * room, else an empty cartridge, which then belongs to the family (persisted at once).
     */
    synchronized Optional<String> targetFor(String family, long size, Set<String> unusable) {
        for (String label : labels) {
            if (family.equals(families.get(label)) && !unusable.contains(label) && used.get(label) + size <= capacity) {
                return Optional.of(label);
            }
        }
        for (String label : labels) {
            if (!families.containsKey(label) && !unusable.contains(label) && used.get(label) == 0 && size <= capacity) {
                families.put(label, family);
                save();
                return Optional.of(label);
            }
        }
        return Optional.empty();
    }

    synchronized void setDisabled(Set<String> labelsNowDisabled) {
        Set<String> known = new TreeSet<>(labelsNowDisabled);
        known.retainAll(used.keySet());
        if (!known.equals(disabled)) {
            disabled.clear();
            disabled.addAll(known);
            save();
        }
    }

    Path backingFile(String label) {
        return directory.resolve(label + ".tape");
    }

    /** Opens the backing file for appending at its end; the caller records what it wrote. */
    FileChannel openForAppend(String label) throws IOException {
        return FileChannel.open(backingFile(label), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
    }

    FileChannel openForRead(String label) throws IOException {
        return FileChannel.open(backingFile(label), StandardOpenOption.READ);
    }

    synchronized void appended(String label, long newLength) {
        used.put(label, newLength);
    }

    private void load() throws IOException {
        Path state = directory.resolve(STATE_FILE);
        if (!Files.exists(state)) {
            return;
        }
        Properties properties = new Properties();
        properties.load(new StringReader(Files.readString(state, StandardCharsets.UTF_8)));
        for (String label : labels) {
            String family = properties.getProperty(label + ".family");
            if (family != null) {
                families.put(label, family);
            }
            if (Boolean.parseBoolean(properties.getProperty(label + ".disabled"))) {
                disabled.add(label);
            }
        }
    }

    /** Writes the state to a temporary file, forces it and renames it over the old one. */
    private void save() {
        StringBuilder text = new StringBuilder("# cartridge families and disabled flags of the simulated tape library\n");
        for (String label : labels) {
            if (families.containsKey(label)) {
                text.append(label).append(".family=").append(escape(families.get(label))).append('\n');
            }
            if (disabled.contains(label)) {
                text.append(label).append(".disabled=true\n");
            }
        }
        Path temp = directory.resolve(STATE_FILE + ".tmp");
        try {
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING)) {
                ByteBuffer bytes = StandardCharsets.UTF_8.encode(text.toString());
                while (bytes.hasRemaining()) {
                    channel.write(bytes);
                }
                channel.force(true);
            }
            try {
                Files.move(temp, directory.resolve(STATE_FILE), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, directory.resolve(STATE_FILE), StandardCopyOption.REPLACE_EXISTING);
            }
            DirectorySync.sync(directory);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot save the tape library state in " + directory, e);
        }
    }

    /** Properties-file escaping of a value (families are directory-derived and may hold any character). */
    private static String escape(String value) {
        StringBuilder out = new StringBuilder();
        for (char c : value.toCharArray()) {
            if (c == '\\' || c == '\n' || c == '\r' || c == '\t' || c == '\f' || c == '=' || c == ':' || c == '#' || c == '!'
                    || c == ' ' || c > 0x7e || c < 0x20) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}
