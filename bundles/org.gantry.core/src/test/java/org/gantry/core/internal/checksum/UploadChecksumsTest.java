package org.gantry.core.internal.checksum;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.zip.Adler32;
import java.util.zip.CRC32;
import java.util.zip.CRC32C;
import java.util.zip.Checksum;

import org.gantry.core.internal.protocol.FtpReplyException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.UnpooledByteBufAllocator;

/** On-the-fly checksums over blocks in any order, compared with the JDK over the whole data. */
class UploadChecksumsTest {

    private static final Set<String> ALL = Set.of("ADLER32", "CRC32", "CRC32C", "MD5", "SHA1", "SHA256", "SHA512");
    private static final int MIB = 1 << 20;

    private final ExecutorService pool = Executors.newFixedThreadPool(3);
    /** Counts the direct memory of the side buffer's copies (the blocks themselves are heap). */
    private final UnpooledByteBufAllocator allocator = new UnpooledByteBufAllocator(true);

    @AfterEach
    void stop() {
        pool.shutdownNow();
    }

    private record Block(long offset, byte[] data) {
    }

    /** Cuts {@code file} into blocks of random size up to {@code max}. */
    private static List<Block> blocks(byte[] file, int max, long seed) {
        Random random = new Random(seed);
        List<Block> blocks = new ArrayList<>();
        for (int offset = 0; offset < file.length; ) {
            int length = Math.min(1 + random.nextInt(max), file.length - offset);
            byte[] data = new byte[length];
            System.arraycopy(file, offset, data, 0, length);
            blocks.add(new Block(offset, data));
            offset += length;
        }
        return blocks;
    }

    /** Shuffles within windows of {@code window} blocks, as parallel streams deliver them. */
    private static List<Block> skewed(List<Block> blocks, int window, long seed) {
        List<Block> out = new ArrayList<>();
        Random random = new Random(seed);
        for (int i = 0; i < blocks.size(); i += window) {
            List<Block> part = new ArrayList<>(blocks.subList(i, Math.min(blocks.size(), i + window)));
            Collections.shuffle(part, random);
            out.addAll(part);
        }
        return out;
    }

    private Map<String, String> run(UploadChecksums sums, List<Block> order, long size) throws Exception {
        List<CompletableFuture<Void>> done = new ArrayList<>();
        for (Block block : order) {
            ByteBuf data = allocator.heapBuffer(block.data.length).writeBytes(block.data);
            CompletableFuture<Void> write = CompletableFuture.runAsync(() -> { }, pool);
            done.add(sums.alongside(block.offset, data, write).toCompletableFuture()
                    .whenComplete((v, t) -> data.release()));
        }
        CompletableFuture.allOf(done.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);
        return sums.complete(size).toCompletableFuture().get(30, TimeUnit.SECONDS).stream()
                .collect(Collectors.toMap(org.gantry.dsi.api.Checksum::algorithm,
                        org.gantry.dsi.api.Checksum::value, (a, b) -> a, TreeMap::new));
    }

    private UploadChecksums all(long buffer, Optional<org.gantry.dsi.api.Checksum> expected) {
        return UploadChecksums.forUpload(new ChecksumSettings(ALL, buffer), true, expected, pool);
    }

    @Test
    void blocksInAnyOrderWithinTheBufferGiveEveryAlgorithmAsTheJdk() throws Exception {
        byte[] file = random(6 * MIB + 12_345, 1);
        List<Block> order = skewed(blocks(file, 300_000, 2), 8, 3);

        Map<String, String> values = run(all(4L * MIB, Optional.empty()), order, file.length);

        assertEquals(jdk(file), values);
        assertEquals(0, allocator.metric().usedDirectMemory(), "the side buffer is empty again");
    }

    @Test
    void aFullyShuffledUploadKeepsTheSumsButGivesUpTheDigestsWhenTheBufferOverflows() throws Exception {
        byte[] file = random(4 * MIB, 4);
        List<Block> order = new ArrayList<>(blocks(file, 64 * 1024, 5));
        Collections.shuffle(order, new Random(6));

        Map<String, String> values = run(all(MIB, Optional.empty()), order, file.length);

        Map<String, String> expected = jdk(file);
        expected.keySet().retainAll(Set.of("ADLER32", "CRC32", "CRC32C"));
        assertEquals(expected, values);
        assertEquals(0, allocator.metric().usedDirectMemory());
    }

    @Test
    void anEmptyUploadHasTheValuesOfNoData() throws Exception {
        assertEquals(jdk(new byte[0]), run(all(MIB, Optional.empty()), List.of(), 0));
    }

    @Test
    void missingDataGivesNoValues() throws Exception {
        byte[] file = random(MIB, 7);
        List<Block> order = new ArrayList<>(blocks(file, 50_000, 8));
        order.remove(3);

        assertEquals(Map.of(), run(all(2L * MIB, Optional.empty()), order, file.length));
    }

    @Test
    void aMatchingScksValuePassesAndAddsItsAlgorithm() throws Exception {
        byte[] file = random(MIB + 1, 9);
        String md5 = jdk(file).get("MD5");
        UploadChecksums sums = UploadChecksums.forUpload(new ChecksumSettings(Set.of("ADLER32"), MIB), true,
                Optional.of(new org.gantry.dsi.api.Checksum("MD5", md5)), pool);

        Map<String, String> values = run(sums, blocks(file, 100_000, 10), file.length);

        assertEquals(Map.of("ADLER32", jdk(file).get("ADLER32"), "MD5", md5), values);
    }

    @Test
    void aDifferentScksValueFailsWithA550NamingBothValues() throws Exception {
        byte[] file = random(MIB, 11);
        String real = jdk(file).get("ADLER32");
        UploadChecksums sums = UploadChecksums.forUpload(new ChecksumSettings(Set.of(), MIB), true,
                Optional.of(new org.gantry.dsi.api.Checksum("ADLER32", "00000001")), pool);

        ExecutionException e = org.junit.jupiter.api.Assertions.assertThrows(ExecutionException.class,
                () -> run(sums, blocks(file, 100_000, 12), file.length));

        FtpReplyException reply = assertInstanceOf(FtpReplyException.class, e.getCause());
        assertEquals(550, reply.reply().code());
        String text = String.join("\n", reply.reply().lines());
        assertTrue(text.contains("Computed-Checksum: " + real) && text.contains("Expected-Checksum: 00000001"), text);
    }

    @Test
    void nothingIsComputedForAnUploadThatIsNotAWholeFile() throws Exception {
        byte[] file = random(1000, 13);
        UploadChecksums sums = UploadChecksums.forUpload(new ChecksumSettings(ALL, MIB), false,
                Optional.of(new org.gantry.dsi.api.Checksum("ADLER32", "00000001")), pool);

        assertEquals(Map.of(), run(sums, blocks(file, 100, 14), file.length));
    }

    @Test
    void discardFreesTheSideBuffer() throws Exception {
        byte[] file = random(2 * MIB, 15);
        List<Block> order = new ArrayList<>(blocks(file, 100_000, 16));
        Collections.reverse(order);
        UploadChecksums sums = all(4L * MIB, Optional.empty());
        for (Block block : order.subList(0, order.size() - 1)) {
            ByteBuf data = allocator.heapBuffer(block.data.length).writeBytes(block.data);
            sums.alongside(block.offset, data, CompletableFuture.completedFuture(null)).toCompletableFuture()
                    .get(30, TimeUnit.SECONDS);
            data.release();
        }
        assertTrue(allocator.metric().usedDirectMemory() > 0, "blocks ahead of byte 0 wait in the buffer");

        sums.discard();
        sums.complete(file.length).toCompletableFuture().get(30, TimeUnit.SECONDS);
        assertEquals(0, allocator.metric().usedDirectMemory());
    }

    private static byte[] random(int n, long seed) {
        byte[] b = new byte[n];
        new Random(seed).nextBytes(b);
        return b;
    }

    private static Map<String, String> jdk(byte[] data) throws Exception {
        Map<String, String> values = new TreeMap<>();
        values.put("ADLER32", sum(new Adler32(), data));
        values.put("CRC32", sum(new CRC32(), data));
        values.put("CRC32C", sum(new CRC32C(), data));
        for (String name : List.of("MD5", "SHA1", "SHA256", "SHA512")) {
            values.put(name, HexFormat.of().formatHex(MessageDigest.getInstance(name.replace("SHA", "SHA-")).digest(data)));
        }
        return values;
    }

    private static String sum(Checksum checksum, byte[] data) {
        checksum.update(data);
        return String.format("%08x", checksum.getValue());
    }
}
