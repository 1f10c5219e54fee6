package org.gantry.dsi.tape.internal.library;

/**
 * Where a file's copy is on tape: its bytes are {@code [offset, offset+length)} of the cartridge,
 * which is written sequentially, so the offset is also the file's position for seek ordering.
 *
 * @param cartridge the cartridge's label, e.g. {@code T00003}
 * @param offset    the first byte's position on the cartridge
 * @param length    the file's size
 */
public record TapeLocation(String cartridge, long offset, long length) {

    public TapeLocation {
        if (cartridge == null || cartridge.isBlank() || offset < 0 || length < 0) {
            throw new IllegalArgumentException("bad tape location " + cartridge + "@" + offset + "+" + length);
        }
    }

    /** The {@code cartridge:offset:length} form the catalogue stores and the shell shows. */
    public String format() {
        return cartridge + ":" + offset + ":" + length;
    }

    public static TapeLocation parse(String text) {
        String[] parts = text.split(":");
        if (parts.length != 3) {
            throw new IllegalArgumentException("tape location must be cartridge:offset:length: " + text);
        }
        return new TapeLocation(parts[0], Long.parseLong(parts[1]), Long.parseLong(parts[2]));
    }
}
