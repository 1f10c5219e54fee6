/**
 * The protocol core's administration view, used by the Karaf shell: DSI instances, the mount
 * table and live sessions. Changing mounts is done through ConfigAdmin (PID
 * {@value org.gantry.core.admin.ServerSettings#PID}, property
 * {@value org.gantry.core.admin.ServerSettings#MOUNTS}), so that the change is persisted.
 */
@Export
@Version("1.1.0")
package org.gantry.core.admin;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
