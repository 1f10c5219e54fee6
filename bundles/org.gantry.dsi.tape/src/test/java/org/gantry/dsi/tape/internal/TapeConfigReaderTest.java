package org.gantry.dsi.tape.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** Settings are checked when an instance starts, and a bad one names its key. */
class TapeConfigReaderTest {

    /** A TapeConfig as DS would build it: given values, else the annotation defaults. */
    private static TapeConfig config(Map<String, Object> values) {
        Map<String, Object> all = new HashMap<>(Map.of("root", "/srv/tape"));
        all.putAll(values);
        return (TapeConfig) Proxy.newProxyInstance(TapeConfigReaderTest.class.getClassLoader(),
                new Class<?>[] {TapeConfig.class}, (proxy, method, args) -> all.containsKey(method.getName())
                        ? all.get(method.getName()) : method.getDefaultValue());
    }

    @Test
    void theDefaultsDescribeARealisticLibrary() {
        TapeConfigReader reader = new TapeConfigReader(config(Map.of()));
        assertEquals("tape", reader.name());
        assertEquals(Duration.ofSeconds(60), reader.library().mountTime());
        assertEquals(2, reader.library().drives());
        assertTrue(reader.policy().waitForRecall());
        assertTrue(reader.policy().mayStage("anyone", "/x"));
        assertEquals(TapePolicy.DEFAULT_FAMILY, reader.policy().familyOf("/x/y"));
        assertTrue(reader.faults().active().isEmpty());
    }

    @Test
    void familiesPrioritiesStagersAndFaultsAreRead() {
        TapeConfigReader reader = new TapeConfigReader(config(Map.of(
                "families", new String[] {"/cms=cms", "/cms/raw=raw"},
                "priorities", new String[] {"alice=10"},
                "stagers", new String[] {"alice:/cms"},
                "nearlineRead", "refuse",
                "timeScale", 0.001,
                "flushRetrySeconds", 600.0,
                "faults", new String[] {"drive-down 1", "no-location"})));
        TapePolicy policy = reader.policy();
        assertEquals("raw", policy.familyOf("/cms/raw/f"), "the longest matching path wins");
        assertEquals("cms", policy.familyOf("/cms/f"));
        assertEquals(TapePolicy.DEFAULT_FAMILY, policy.familyOf("/cmsx/f"), "a prefix is a whole path element");
        assertEquals(10, policy.priorityOf("alice"));
        assertTrue(policy.mayStage("alice", "/cms/f"));
        assertFalse(policy.mayStage("bob", "/cms/f"));
        assertFalse(policy.mayStage("alice", "/atlas/f"));
        assertFalse(policy.waitForRecall());
        assertEquals(Duration.ofMillis(600), policy.flushRetry(), "the flush retry is simulated time");
        assertEquals(2, reader.faults().active().size());
    }

    @Test
    void aBadSettingNamesItsKey() {
        assertKey("nearlineRead", Map.of("nearlineRead", "sometimes"));
        assertKey("families", Map.of("families", new String[] {"cms=cms"}));
        assertKey("priorities", Map.of("priorities", new String[] {"alice=high"}));
        assertKey("stagers", Map.of("stagers", new String[] {"alice"}));
        assertKey("faults", Map.of("faults", new String[] {"meteor-strike"}));
        assertKey("library", Map.of("drives", 0));
        assertKey("fileMode", Map.of("fileMode", "rw-r--r--"));
        assertKey("root", Map.of("root", " "));
    }

    private static void assertKey(String key, Map<String, Object> values) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> {
            TapeConfigReader reader = new TapeConfigReader(config(values));
            reader.policy();
            reader.library();
            reader.cache();
            reader.faults();
        });
        assertTrue(e.getMessage().contains("'" + key + "'"), e.getMessage());
    }
}
