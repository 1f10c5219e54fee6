/**
 * Helpers a DSI (and the protocol core) may share: sorted, merged byte-range sets for durable
 * ranges and restart markers, and checksum calculators by GridFTP wire token. Plain classes with
 * no OSGi dependencies, so a third-party DSI can use them as they are.
 */
@Export
@Version("1.1.0")
package org.gantry.dsi.support;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
