/**
 * Operating a tape DSI instance: its drives, cartridges, queues and file states, staging and
 * evicting by hand, and failure injection. Each instance registers a {@link TapeAdmin} service
 * with the {@code gantry.dsi.name} of its DSI; the Karaf shell's {@code gridftp:tape-*}
 * commands use it.
 */
@Version("1.0.0")
@Export
package org.gantry.dsi.tape.admin;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
