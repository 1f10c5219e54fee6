package org.gantry.security.api;

/**
 * A logged-in user as the core sees it.
 *
 * @param name      the local user name
 * @param root      the user's root inside the server's namespace (chroot-like; {@code /} for all)
 * @param home      the initial working directory, relative to {@code root} ({@code /} usually)
 * @param readOnly  the user may read but not change anything
 * @param anonymous logged in as anonymous
 */
public record UserAccount(String name, String root, String home, boolean readOnly, boolean anonymous) {
}
