package org.gantry.dsi.tape.internal;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.gantry.dsi.api.DsiException;
import org.gantry.dsi.tape.internal.cache.CacheSettings;
import org.gantry.dsi.tape.internal.library.Faults;
import org.gantry.dsi.tape.internal.library.LibrarySettings;

/** Tape DSIs for tests: realistic timings, scaled down 10,000 times. */
final class TestTapes {

    static final double SCALE = 0.0001;

    private TestTapes() {
    }

    static LibrarySettings fastLibrary(int drives, int cartridges) {
        return new LibrarySettings(drives, cartridges, 64L << 20, SCALE, Duration.ofSeconds(60),
                Duration.ofSeconds(60), 250L << 20, 250L << 20, Duration.ofSeconds(60), Duration.ofSeconds(120),
                Duration.ofSeconds(300), 1L << 30, 1000, Duration.ofSeconds(60), 200, Duration.ofHours(4));
    }

    static TapePolicy policy(boolean waitForRecall) {
        return new TapePolicy(Map.of("/cms", "cms"), waitForRecall, Duration.ofSeconds(30), List.of("*:/"),
                Map.of("vip", 10), Duration.ofMinutes(10), Duration.ofMillis(50), 0644, 0755);
    }

    static TapeDsi open(Path base, LibrarySettings library, TapePolicy policy) throws IOException, DsiException {
        return new TapeDsi("tape", base, policy, CacheSettings.of(256L << 20, 0.9, 0.7), library, new Faults(), 4);
    }
}
