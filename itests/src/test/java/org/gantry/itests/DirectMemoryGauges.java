package org.gantry.itests;

import java.lang.management.BufferPoolMXBean;
import java.lang.management.ManagementFactory;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.LongSupplier;

import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufAllocatorMetricProvider;
import io.netty.util.internal.PlatformDependent;

/**
 * Where a Netty server's off-heap memory shows, seen from inside its JVM (the Pax Exam probe
 * shares the server's Netty bundles): the default allocator's own account, Netty's counter of
 * direct memory it allocated without a cleaner (-1 when it uses cleaners), and the JVM's
 * {@code direct} buffer pool (every {@code ByteBuffer.allocateDirect}, cleaner-backed Netty
 * chunks included).
 */
final class DirectMemoryGauges {

    static final String NETTY_ALLOCATOR = "Netty default allocator, direct";
    static final String NETTY_COUNTER = "Netty PlatformDependent.usedDirectMemory";
    static final String JVM_DIRECT_POOL = "JVM BufferPool 'direct'";

    private DirectMemoryGauges() {
    }

    static Map<String, LongSupplier> all() {
        Map<String, LongSupplier> gauges = new LinkedHashMap<>();
        gauges.put(NETTY_ALLOCATOR, DirectMemoryGauges::nettyAllocator);
        gauges.put(NETTY_COUNTER, PlatformDependent::usedDirectMemory);
        gauges.put(JVM_DIRECT_POOL, directPool());
        return gauges;
    }

    /** What the server's channels allocate from (they use the default allocator). */
    static String allocatorName() {
        return ByteBufAllocator.DEFAULT.getClass().getName();
    }

    private static long nettyAllocator() {
        return ByteBufAllocator.DEFAULT instanceof ByteBufAllocatorMetricProvider p
                ? p.metric().usedDirectMemory()
                : -1;
    }

    private static LongSupplier directPool() {
        for (BufferPoolMXBean pool : ManagementFactory.getPlatformMXBeans(BufferPoolMXBean.class)) {
            if (pool.getName().equals("direct")) {
                return pool::getMemoryUsed;
            }
        }
        return () -> -1;
    }
}
