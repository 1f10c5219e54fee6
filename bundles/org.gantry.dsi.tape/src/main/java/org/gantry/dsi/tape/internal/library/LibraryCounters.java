package org.gantry.dsi.tape.internal.library;

import java.util.concurrent.atomic.AtomicLong;

/** The library's running totals since it started. */
final class LibraryCounters {

    final AtomicLong mounts = new AtomicLong();
    final AtomicLong mountFailures = new AtomicLong();
    final AtomicLong unmounts = new AtomicLong();
    final AtomicLong filesFlushed = new AtomicLong();
    final AtomicLong bytesFlushed = new AtomicLong();
    final AtomicLong filesRecalled = new AtomicLong();
    final AtomicLong bytesRecalled = new AtomicLong();
    final AtomicLong flushesFailed = new AtomicLong();
    final AtomicLong recallsFailed = new AtomicLong();

    LibraryStatus.Counters snapshot() {
        return new LibraryStatus.Counters(mounts.get(), mountFailures.get(), unmounts.get(), filesFlushed.get(),
                bytesFlushed.get(), filesRecalled.get(), bytesRecalled.get(), flushesFailed.get(), recallsFailed.get());
    }
}
