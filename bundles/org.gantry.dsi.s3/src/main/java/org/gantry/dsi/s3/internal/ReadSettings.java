package org.gantry.dsi.s3.internal;

/**
 * @param chunk bytes per ranged GET
 * @param ahead chunks one reader keeps in flight (its memory is at most {@code chunk·ahead})
 */
record ReadSettings(int chunk, int ahead) {
}
