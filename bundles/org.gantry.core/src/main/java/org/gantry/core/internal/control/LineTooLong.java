package org.gantry.core.internal.control;

/** Passed down the pipeline in place of a line that exceeded the maximum length. */
enum LineTooLong {
    INSTANCE
}
