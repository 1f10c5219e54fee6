/**
 * Helpers a DSI (and the protocol core) may share: sorted, merged byte-range sets for durable
 * ranges and restart markers, checksum calculators by GridFTP wire token, and the arithmetic
 * that joins the 32-bit sums of adjacent pieces, and the reorder stage that feeds back-ends
 * which take writes only in ascending order. Plain classes with no OSGi dependencies, so a
 * third-party DSI can use them as they are.
 */
@Export
@Version("1.3.0")
package org.gantry.dsi.support;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
