package org.gantry.security.internal.delegation;

import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;

/**
 * RSA key pairs for delegation, made ahead of time: generating one takes about a tenth of a
 * second, which a client would otherwise wait for in the middle of every GSI login. Each pair is
 * handed out once. A few are kept per key size the clients use; one background thread refills.
 */
public final class DelegationKeys implements AutoCloseable {

    private static final int KEPT_PER_SIZE = 4;

    private final Map<Integer, BlockingQueue<KeyPair>> ready = new ConcurrentHashMap<>();
    private final ExecutorService refill = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "gantry-delegation-keys");
        t.setDaemon(true);
        t.setPriority(Thread.MIN_PRIORITY);
        return t;
    });

    /** A key pair of {@code bits} never handed out before; generated on the spot if none is ready. */
    public KeyPair take(int bits) throws GeneralSecurityException {
        BlockingQueue<KeyPair> queue = ready.computeIfAbsent(bits, b -> new ArrayBlockingQueue<>(KEPT_PER_SIZE));
        KeyPair pair = queue.poll();
        refillSoon(bits, queue);
        return pair != null ? pair : generate(bits);
    }

    private void refillSoon(int bits, BlockingQueue<KeyPair> queue) {
        try {
            refill.execute(() -> {
                try {
                    while (queue.remainingCapacity() > 0) {
                        queue.offer(generate(bits));
                    }
                } catch (GeneralSecurityException e) {
                    // take() generates on the spot and reports the failure to its caller
                }
            });
        } catch (RejectedExecutionException e) {
            // closed: nothing more to prepare
        }
    }

    static KeyPair generate(int bits) throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(bits);
        return generator.generateKeyPair();
    }

    @Override
    public void close() {
        refill.shutdownNow();
        ready.clear();
    }
}
