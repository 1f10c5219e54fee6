package org.gantry.dsi.tape.internal.catalogue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.zip.CRC32;

/**
 * The catalogue's durable store: an append-only journal of transactions, each a line fsynced
 * before the change counts, compacted into a snapshot file whenever the catalogue is opened.
 *
 * <p>Why a journal and not an embedded database: the catalogue is small (one record per file),
 * every change is a handful of records, and an fsynced append is the whole transaction
 * mechanism; there is no dependency to deploy, the files are plain text an operator can read,
 * and recovery is "replay the complete lines". A line is {@code <crc32 hex> <records>}, records
 * separated by RS, fields by TAB, each field percent-escaped; a torn last line (crash during an
 * append) fails its CRC and is dropped with everything after it.
 */
final class Journal implements AutoCloseable {

    /** Bumped when the record format changes incompatibly. */
    static final String FORMAT = "gantry-tape-catalogue 1";
    static final String SNAPSHOT = "catalogue.snapshot";
    static final String LOG = "catalogue.journal";

    private static final char RECORD_SEPARATOR = '\u001e';
    private static final char FIELD_SEPARATOR = '\t';

    private final Path directory;
    private FileChannel log;

    private Journal(Path directory) {
        this.directory = directory;
    }

    /**
     * Opens the store in {@code directory}, replaying the snapshot and then the journal: every
     * record of every complete transaction goes to {@code replay} in order.
     */
    static Journal open(Path directory, Consumer<List<String>> replay) throws IOException {
        Files.createDirectories(directory);
        Journal journal = new Journal(directory);
        Path snapshot = directory.resolve(SNAPSHOT);
        if (Files.exists(snapshot)) {
            replayFile(snapshot, replay, true);
        }
        Path log = directory.resolve(LOG);
        long intact = Files.exists(log) ? replayFile(log, replay, false) : 0;
        journal.log = FileChannel.open(log, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        journal.log.truncate(intact);
        journal.log.position(intact);
        return journal;
    }

    /** Appends one transaction and waits until it is on disk. */
    synchronized void append(List<List<String>> records) throws IOException {
        if (records.isEmpty()) {
            return;
        }
        ByteBuffer line = StandardCharsets.UTF_8.encode(encode(records) + "\n");
        while (line.hasRemaining()) {
            log.write(line);
        }
        log.force(false);
    }

    /**
     * Replaces snapshot and journal by a snapshot holding {@code records} (the whole catalogue),
     * switched in atomically: a crash leaves either the old pair or the new snapshot.
     */
    synchronized void compact(List<List<String>> records) throws IOException {
        Path temporary = directory.resolve(SNAPSHOT + ".tmp");
        try (FileChannel out = FileChannel.open(temporary, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            writeLine(out, FORMAT);
            for (List<String> record : records) {
                writeLine(out, encode(List.of(record)));
            }
            out.force(true);
        }
        Files.move(temporary, directory.resolve(SNAPSHOT), StandardCopyOption.ATOMIC_MOVE,
                StandardCopyOption.REPLACE_EXISTING);
        syncDirectory();
        log.truncate(0);
        log.position(0);
        log.force(true);
    }

    @Override
    public synchronized void close() throws IOException {
        if (log != null) {
            log.close();
            log = null;
        }
    }

    /**
     * Replays a file's complete lines (a line counts only with its newline); returns the byte
     * length of the intact prefix.
     */
    private static long replayFile(Path file, Consumer<List<String>> replay, boolean snapshot) throws IOException {
        byte[] content = Files.readAllBytes(file);
        int start = 0;
        boolean first = snapshot;
        while (start < content.length) {
            int end = indexOf(content, (byte) '\n', start);
            if (end < 0) {
                break; // the last append never finished
            }
            String line = new String(content, start, end - start, StandardCharsets.UTF_8);
            if (first) {
                first = false;
                if (!line.equals(FORMAT)) {
                    throw new IOException(file + " is not a catalogue snapshot of format '" + FORMAT + "'");
                }
            } else {
                List<List<String>> records = decode(line);
                if (records == null) {
                    if (snapshot) {
                        throw new IOException(file + ": damaged snapshot line at byte " + start);
                    }
                    break; // torn by a crash: this transaction and anything after it never counted
                }
                records.forEach(replay);
            }
            start = end + 1;
        }
        return start;
    }

    private static int indexOf(byte[] content, byte wanted, int from) {
        for (int i = from; i < content.length; i++) {
            if (content[i] == wanted) {
                return i;
            }
        }
        return -1;
    }

    static String encode(List<List<String>> records) {
        StringBuilder body = new StringBuilder();
        for (List<String> record : records) {
            if (body.length() > 0) {
                body.append(RECORD_SEPARATOR);
            }
            for (int i = 0; i < record.size(); i++) {
                if (i > 0) {
                    body.append(FIELD_SEPARATOR);
                }
                escape(record.get(i), body);
            }
        }
        return crc(body) + " " + body;
    }

    /** The records of a line, or null if the line is damaged. */
    static List<List<String>> decode(String line) {
        int space = line.indexOf(' ');
        if (space != 8) {
            return null;
        }
        String body = line.substring(space + 1);
        if (!line.substring(0, space).equals(crc(body))) {
            return null;
        }
        List<List<String>> records = new ArrayList<>();
        for (String record : body.split(String.valueOf(RECORD_SEPARATOR), -1)) {
            List<String> fields = new ArrayList<>();
            for (String field : record.split(String.valueOf(FIELD_SEPARATOR), -1)) {
                fields.add(unescape(field));
            }
            records.add(fields);
        }
        return records;
    }

    private static void escape(String field, StringBuilder out) {
        for (int i = 0; i < field.length(); i++) {
            char c = field.charAt(i);
            if (c == '%' || c == FIELD_SEPARATOR || c == RECORD_SEPARATOR || c == '\n' || c == '\r') {
                out.append('%').append(String.format("%02X", (int) c));
            } else {
                out.append(c);
            }
        }
    }

    private static String unescape(String field) {
        if (field.indexOf('%') < 0) {
            return field;
        }
        StringBuilder out = new StringBuilder(field.length());
        for (int i = 0; i < field.length(); i++) {
            char c = field.charAt(i);
            if (c == '%' && i + 2 < field.length()) {
                out.append((char) Integer.parseInt(field.substring(i + 1, i + 3), 16));
                i += 2;
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    private static String crc(CharSequence body) {
        CRC32 crc = new CRC32();
        crc.update(body.toString().getBytes(StandardCharsets.UTF_8));
        return String.format("%08x", crc.getValue());
    }

    private static void writeLine(FileChannel out, String line) throws IOException {
        ByteBuffer bytes = StandardCharsets.UTF_8.encode(line + "\n");
        while (bytes.hasRemaining()) {
            out.write(bytes);
        }
    }

    private void syncDirectory() {
        try (FileChannel dir = FileChannel.open(directory, StandardOpenOption.READ)) {
            dir.force(true);
        } catch (IOException notSupported) {
            // Some file systems cannot sync a directory; the rename is still atomic.
        }
    }
}
