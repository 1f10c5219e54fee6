package org.gantry.dsi.api;

/**
 * The reply to a contributed SITE command.
 *
 * @param code a three-digit FTP reply code
 * @param text the reply text, one line
 */
public record SiteReply(int code, String text) {
}
