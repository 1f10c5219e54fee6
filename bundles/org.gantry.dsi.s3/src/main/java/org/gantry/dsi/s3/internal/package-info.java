/** The S3 DSI's implementation; nothing here is exported. */
package org.gantry.dsi.s3.internal;
