package org.gantry.core.internal.transfer;

import java.util.List;

import org.gantry.dsi.api.ByteRange;

/**
 * Where incoming data goes and when it is complete. Offsets of incoming blocks are relative to
 * the transfer; {@code shift} makes them file offsets (REST in stream mode, APPE, ESTO A).
 *
 * @param shift       added to every block offset before writing
 * @param present     relative ranges already stored before this transfer (REST ranges)
 * @param expectedEnd relative end the data must reach (from ALLO), or -1 if unknown
 * @param blocks      MODE E: blocks come in any order, and must neither overlap nor go past
 *                    {@code expectedEnd}, and together with {@code present} leave no hole
 */
public record StoreLayout(long shift, List<ByteRange> present, long expectedEnd, boolean blocks) {

    public StoreLayout {
        present = List.copyOf(present);
    }
}
