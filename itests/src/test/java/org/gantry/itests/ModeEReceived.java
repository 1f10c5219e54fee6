package org.gantry.itests;

import static org.gantry.itests.ModeEBlock.CLOSE;
import static org.gantry.itests.ModeEBlock.EOF;
import static org.gantry.itests.ModeEBlock.EOR;
import static org.gantry.itests.ModeEBlock.ERRORS;
import static org.gantry.itests.ModeEBlock.RESTART;
import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * What one MODE E transfer delivered, as {@link ModeEPeer#receive} read it: the blocks of each
 * connection in arrival order, up to that connection's EOD. Checks GFD.20 accounting and content.
 */
record ModeEReceived(List<List<ModeEBlock>> connections) {

    List<ModeEBlock> all() {
        return connections.stream().flatMap(List::stream).toList();
    }

    List<ModeEBlock> data() {
        return all().stream().filter(b -> !b.has(EOF) && b.count() > 0).toList();
    }

    /** The bytes the data blocks cover, by block offset. */
    ByteRanges coverage() {
        ByteRanges ranges = new ByteRanges();
        data().forEach(b -> ranges.add(b.offset(), b.offset() + b.count()));
        return ranges;
    }

    boolean anyClose() {
        return all().stream().anyMatch(b -> b.has(CLOSE));
    }

    /**
     * GFD.20 accounting for a transfer on {@code expectedConnections} connections: exactly one
     * EOF block, without payload, whose count equals the number of connections (each of which
     * was read up to its EOD); no undefined descriptor bits; no byte sent twice.
     */
    void assertAccounting(int expectedConnections) {
        String blocks = " (blocks per connection: " + summary() + ")";
        assertEquals("data connections used" + blocks, expectedConnections, connections.size());
        List<ModeEBlock> eofs = all().stream().filter(b -> b.has(EOF)).toList();
        assertEquals("exactly one EOF block per transfer" + blocks, 1, eofs.size());
        assertEquals("the EOF block carries no payload" + blocks, 0, eofs.get(0).count());
        assertEquals("EOD count in the EOF block" + blocks, expectedConnections, eofs.get(0).offset());
        for (ModeEBlock block : all()) {
            assertEquals("undefined descriptor bits in " + block + blocks, 0,
                    block.descriptor() & (EOR | ERRORS | RESTART));
        }
        long payload = data().stream().mapToLong(ModeEBlock::count).sum();
        assertEquals("bytes sent more than once" + blocks, coverage().length(), payload);
    }

    /**
     * Every data block holds the bytes of {@code file} at block offset + {@code base}, and the
     * blocks cover exactly {@code expected} (block offsets).
     */
    void assertContent(byte[] file, long base, ByteRanges expected) {
        assertEquals("ranges sent (block offsets)", expected, coverage());
        for (ModeEBlock block : data()) {
            int from = (int) (block.offset() + base);
            assertArrayEquals("payload of " + block + " against the file at " + from,
                    Arrays.copyOfRange(file, from, from + (int) block.count()), block.payload());
        }
    }

    /** The data laid out by offset; holes stay zero. */
    byte[] assemble(int size) {
        byte[] file = new byte[size];
        for (ModeEBlock block : data()) {
            System.arraycopy(block.payload(), 0, file, (int) block.offset(), (int) block.count());
        }
        return file;
    }

    /** Block count and last blocks per connection, for failure messages. */
    String summary() {
        List<String> lines = new ArrayList<>();
        for (List<ModeEBlock> connection : connections) {
            int n = connection.size();
            lines.add(n + " blocks, last " + connection.subList(Math.max(0, n - 2), n));
        }
        return String.join("; ", lines);
    }
}
