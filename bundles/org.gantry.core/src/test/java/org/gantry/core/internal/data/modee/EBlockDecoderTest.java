package org.gantry.core.internal.data.modee;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;

/** The MODE E codec on byte fixtures, starting with protocol.md's worked example (§4.3.3a). */
class EBlockDecoderTest {

    /** Stream 1 of the example: "HELLOW" at 0, then EOF|EOD|CLOSE with EOD count 2. */
    private static final String STREAM_1 = "00" + "0000000000000006" + "0000000000000000" + hex("HELLOW")
            + "4c" + "0000000000000000" + "0000000000000002";
    /** Stream 2: "ORLD" at 6, then an empty EOD|CLOSE block. */
    private static final String STREAM_2 = "00" + "0000000000000004" + "0000000000000006" + hex("ORLD")
            + "0c" + "0000000000000000" + "0000000000000000";

    private final Recorder recorder = new Recorder();

    @Test
    void workedExampleReassemblesHelloWorld() {
        Recorder second = new Recorder();
        new EBlockDecoder().decode(bytes(STREAM_1), recorder);
        new EBlockDecoder().decode(bytes(STREAM_2), second);

        byte[] file = new byte[10];
        recorder.copyInto(file);
        second.copyInto(file);
        assertEquals("HELLOWORLD", new String(file, StandardCharsets.US_ASCII));
        assertEquals(List.of(2L), recorder.eofCounts);
        assertEquals(List.of(true), recorder.eods, "EOD with CLOSE on stream 1");
        assertEquals(List.of(true), second.eods, "EOD with CLOSE on stream 2");
        assertTrue(second.eofCounts.isEmpty());
    }

    @Test
    void headersSplitAcrossReadsAreJoined() {
        EBlockDecoder decoder = new EBlockDecoder();
        byte[] all = HexFormat.of().parseHex(STREAM_1);
        for (byte b : all) {
            decoder.decode(Unpooled.wrappedBuffer(new byte[] {b}), recorder);
        }
        byte[] file = new byte[6];
        recorder.copyInto(file);
        assertEquals("HELLOW", new String(file, StandardCharsets.US_ASCII));
        assertEquals(List.of(2L), recorder.eofCounts);
        assertTrue(decoder.ended());
    }

    @Test
    void bytesAfterAnEodWaitForTheNextTransfer() {
        EBlockDecoder decoder = new EBlockDecoder();
        String withoutClose = "08" + "0000000000000000" + "0000000000000000";
        String nextTransfer = "00" + "0000000000000002" + "0000000000000000" + hex("hi");
        decoder.decode(bytes(withoutClose + nextTransfer), recorder);

        assertEquals(List.of(false), recorder.eods, "EOD without CLOSE keeps the connection");
        assertTrue(recorder.payloads.isEmpty(), "the next transfer's block is not delivered to this one");
        decoder.reset();
        Recorder next = new Recorder();
        decoder.decode(decoder.leftover(), next);
        assertEquals(1, next.payloads.size());
        byte[] data = new byte[2];
        next.copyInto(data);
        assertEquals("hi", new String(data, StandardCharsets.US_ASCII));
    }

    @Test
    void refusesDescriptorBitsNobodySends() {
        for (String descriptor : List.of("80", "20", "10")) {
            EBlockDecoder decoder = new EBlockDecoder();
            EBlockException e = assertThrows(EBlockException.class, () ->
                    decoder.decode(bytes(descriptor + "0000000000000001" + "0000000000000000" + "41"), recorder));
            assertTrue(e.getMessage().contains("0x" + descriptor), e.getMessage());
        }
    }

    @Test
    void refusesAnEofWithoutEods() {
        EBlockDecoder decoder = new EBlockDecoder();
        assertThrows(EBlockException.class, () ->
                decoder.decode(bytes("48" + "0000000000000000" + "0000000000000000"), recorder));
    }

    @Test
    void refusesCountsThatOverflowTheOffset() {
        EBlockDecoder decoder = new EBlockDecoder();
        assertThrows(EBlockException.class, () ->
                decoder.decode(bytes("00" + "ffffffffffffff00" + "0000000000000000"), recorder));
    }

    @Test
    void aBlockSplitAcrossReadsArrivesInSlicesAtItsOffsets() {
        EBlockDecoder decoder = new EBlockDecoder();
        decoder.decode(bytes("00" + "0000000000000006" + "0000000000000000" + hex("HEL")), recorder);
        assertTrue(decoder.sawHeader());
        decoder.decode(bytes(hex("LOW")), recorder);
        assertFalse(decoder.ended());
        assertEquals(2, recorder.payloads.size());
        assertArrayEquals(new long[] {3, 3}, recorder.payloads.get(1));
        byte[] file = new byte[6];
        recorder.copyInto(file);
        assertEquals("HELLOW", new String(file, StandardCharsets.US_ASCII));
    }

    @Test
    void encoderWritesTheHeadersOfTheExample() {
        ByteBuf out = Unpooled.buffer();
        EBlockHeader.data(6, 0).writeTo(out);
        EBlockHeader.endOfData(2, true).writeTo(out);
        EBlockHeader.endOfData(0, true).writeTo(out);
        EBlockHeader.endOfData(0, false).writeTo(out);
        EBlockHeader.endOfData(3, false).writeTo(out);
        assertEquals("00" + "0000000000000006" + "0000000000000000"
                + "4c" + "0000000000000000" + "0000000000000002"
                + "0c" + "0000000000000000" + "0000000000000000"
                + "08" + "0000000000000000" + "0000000000000000"
                + "48" + "0000000000000000" + "0000000000000003",
                HexFormat.of().formatHex(io.netty.buffer.ByteBufUtil.getBytes(out)));
    }

    @Test
    void leftoverIsNullWhenNothingFollows() {
        EBlockDecoder decoder = new EBlockDecoder();
        decoder.decode(bytes("08" + "0000000000000000" + "0000000000000000"), recorder);
        assertNull(decoder.leftover());
    }

    private static String hex(String ascii) {
        return HexFormat.of().formatHex(ascii.getBytes(StandardCharsets.US_ASCII));
    }

    private static ByteBuf bytes(String hex) {
        return Unpooled.wrappedBuffer(HexFormat.of().parseHex(hex));
    }

    private static final class Recorder implements EBlockDecoder.Listener {
        final List<long[]> payloads = new ArrayList<>();
        final List<byte[]> data = new ArrayList<>();
        final List<Long> eofCounts = new ArrayList<>();
        final List<Boolean> eods = new ArrayList<>();

        @Override
        public void onPayload(long offset, ByteBuf slice) {
            payloads.add(new long[] {offset, slice.readableBytes()});
            data.add(io.netty.buffer.ByteBufUtil.getBytes(slice));
            slice.release();
        }

        @Override
        public void onEof(long eodCount) {
            eofCounts.add(eodCount);
        }

        @Override
        public void onEod(boolean close) {
            eods.add(close);
        }

        void copyInto(byte[] file) {
            for (int i = 0; i < payloads.size(); i++) {
                byte[] d = data.get(i);
                System.arraycopy(d, 0, file, (int) payloads.get(i)[0], d.length);
            }
        }
    }
}
