package org.gantry.dsi.tape.internal.library;

import java.nio.file.Path;
import java.time.Instant;

/**
 * A file on the disk cache that is to be copied to tape.
 *
 * @param fileId  the catalogue's id of the file
 * @param family  the file family (storage class): only files of one family share a cartridge
 * @param source  the disk-cache file holding the data; it stays in place while the flush runs
 * @param size    the file's size
 * @param created when the file was written: flushes are batched by age and go in this order
 * @param adler32 the ADLER32 recorded when the file was written (8 lower-case hex digits)
 */
public record FlushItem(long fileId, String family, Path source, long size, Instant created, String adler32) {
}
