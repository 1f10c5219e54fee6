package org.gantry.dsi.support;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.gantry.dsi.api.ByteRange;
import org.junit.jupiter.api.Test;

class RangeSetTest {

    private final RangeSet ranges = new RangeSet();

    @Test
    void disjointRangesStaySeparateAndSorted() {
        ranges.add(20, 30);
        ranges.add(0, 10);

        assertEquals(List.of(new ByteRange(0, 10), new ByteRange(20, 30)), ranges.toList());
    }

    @Test
    void touchingRangesMerge() {
        ranges.add(10, 20);
        ranges.add(0, 10);
        ranges.add(20, 25);

        assertEquals(List.of(new ByteRange(0, 25)), ranges.toList());
    }

    @Test
    void rangeBridgingAGapSwallowsBothNeighbours() {
        ranges.add(0, 5);
        ranges.add(10, 15);
        ranges.add(30, 40);
        ranges.add(3, 12);

        assertEquals(List.of(new ByteRange(0, 15), new ByteRange(30, 40)), ranges.toList());
    }

    @Test
    void rangeInsideAnExistingOneChangesNothing() {
        ranges.add(0, 100);
        ranges.add(10, 20);

        assertEquals(List.of(new ByteRange(0, 100)), ranges.toList());
    }

    @Test
    void rangeCoveringSeveralReplacesThem() {
        ranges.add(10, 20);
        ranges.add(30, 40);
        ranges.add(5, 50);

        assertEquals(List.of(new ByteRange(5, 50)), ranges.toList());
    }

    @Test
    void emptyRangesAreIgnored() {
        ranges.add(5, 5);

        assertEquals(List.of(), ranges.toList());
    }

    @Test
    void intersectsSeesAnyOverlapButNotTouching() {
        ranges.add(10, 20);

        assertEquals(true, ranges.intersects(15, 16));
        assertEquals(true, ranges.intersects(0, 11));
        assertEquals(true, ranges.intersects(19, 40));
        assertEquals(false, ranges.intersects(0, 10));
        assertEquals(false, ranges.intersects(20, 30));
    }

    @Test
    void coversNeedsEveryByte() {
        ranges.add(0, 10);
        ranges.add(20, 30);

        assertEquals(true, ranges.covers(2, 10));
        assertEquals(false, ranges.covers(5, 25));
        assertEquals(true, ranges.covers(7, 7));
    }

    @Test
    void complementListsTheGapsUpToTheEnd() {
        ranges.add(10, 20);
        ranges.add(30, 40);

        assertEquals(List.of(new ByteRange(0, 10), new ByteRange(20, 30), new ByteRange(40, ByteRange.TO_END)),
                ranges.complement(0, ByteRange.TO_END));
        assertEquals(List.of(new ByteRange(20, 25)), ranges.complement(15, 25));
    }

    @Test
    void prefixAndHighestEndDescribeCompleteness() {
        ranges.add(0, 10);
        assertEquals(true, ranges.isExactly(10));
        ranges.add(12, 15);

        assertEquals(10, ranges.contiguousPrefix());
        assertEquals(15, ranges.highestEnd());
        assertEquals(false, ranges.isExactly(15));
    }
}
