package org.gantry.dsi.api;

/** The kinds of namespace entries. */
public enum FileType {
    FILE,
    DIRECTORY,
    SYMLINK,
    OTHER
}
