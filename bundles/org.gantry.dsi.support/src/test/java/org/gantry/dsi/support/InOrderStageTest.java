package org.gantry.dsi.support;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.gantry.dsi.api.ByteRange;
import org.junit.jupiter.api.Test;

class InOrderStageTest {

    @Test
    void piecesComeOutInOffsetOrderOneAtATime() {
        InOrderStage<String> stage = new InOrderStage<>(0, List.of());
        stage.add(20, 10, "c");
        stage.add(10, 10, "b");
        assertNull(stage.poll(), "byte 0 has not arrived");
        assertTrue(stage.waitingForGap());

        stage.add(0, 10, "a");
        assertEquals("a", stage.poll());
        assertNull(stage.poll(), "nothing else while a write is out");
        assertFalse(stage.waitingForGap(), "waiting for the write, not for a gap");
        assertEquals(-1, stage.nextOffset());

        stage.written();
        assertEquals("b", stage.poll());
        stage.written();
        assertEquals("c", stage.poll());
        stage.written();
        assertEquals(30, stage.nextOffset());
        assertTrue(stage.isEmpty());
    }

    @Test
    void rangesAlreadyPresentAreSkipped() {
        InOrderStage<String> stage = new InOrderStage<>(0,
                List.of(new ByteRange(0, 10), new ByteRange(20, 30)));
        assertEquals(10, stage.nextOffset());

        stage.add(30, 5, "after");
        stage.add(10, 10, "gap");
        assertEquals("gap", stage.poll());
        stage.written();
        assertEquals(30, stage.nextOffset(), "the present range 20-30 is not expected again");
        assertEquals("after", stage.poll());
    }

    @Test
    void writingStartsAtTheGivenOffset() {
        InOrderStage<String> stage = new InOrderStage<>(1000, List.of());
        stage.add(1010, 10, "second");
        assertNull(stage.poll());
        stage.add(1000, 10, "first");
        assertEquals("first", stage.poll());
    }

    @Test
    void writtenWithoutAWriteOutIsAnError() {
        InOrderStage<String> stage = new InOrderStage<>(0, List.of());
        assertThrows(IllegalStateException.class, stage::written);
    }

    @Test
    void twoPiecesAtOneOffsetAreRefused() {
        InOrderStage<String> stage = new InOrderStage<>(0, List.of());
        stage.add(5, 1, "x");
        assertThrows(IllegalArgumentException.class, () -> stage.add(5, 1, "y"));
    }

    @Test
    void drainReturnsTheWaitingPiecesInOrderAndEmptiesTheStage() {
        InOrderStage<String> stage = new InOrderStage<>(0, List.of());
        stage.add(20, 1, "late");
        stage.add(10, 1, "early");

        assertEquals(List.of("early", "late"), stage.drain());
        assertEquals(0, stage.size());
    }
}
