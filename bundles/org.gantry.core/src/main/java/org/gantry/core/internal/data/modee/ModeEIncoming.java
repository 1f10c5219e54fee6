package org.gantry.core.internal.data.modee;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.gantry.core.internal.data.IncomingData;
import org.gantry.core.internal.data.PassiveListener;
import org.gantry.core.internal.protocol.FtpReplyException;
import org.gantry.core.internal.protocol.Replies;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.EventLoop;
import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.ScheduledFuture;

/**
 * Receives one transfer in MODE E from any number of connections: the cached ones of earlier
 * transfers and every new one the sender opens. The transfer is complete when the EOF block has
 * announced how many EODs to expect and that many have arrived (GFD.20); counting open
 * connections instead would miss one still on its way. All on the listener's event loop.
 */
final class ModeEIncoming implements IncomingData {

    /** How long to wait for more connections once every known one has ended short of the EOF's count. */
    static final long MISSING_EOD_GRACE_MILLIS = 5000;

    private final PassiveListener listener;
    private final EventLoop loop;
    private final List<EDataConnection> attached = new ArrayList<>();
    private final List<Channel> beforeStart = new ArrayList<>();
    private volatile boolean reused;
    private BlockReceiver receiver;
    private long expectedEods = -1;
    private long eods;
    private boolean finished;
    private ScheduledFuture<?> graceTimer;

    ModeEIncoming(PassiveListener listener) {
        this.listener = listener;
        this.loop = listener.eventLoop();
        listener.subscribe(ch -> {
            if (EDataConnection.usedBefore(ch)) {
                reused = true;
            }
            loop.execute(() -> onConnection(ch));
        });
    }

    @Override
    public EventExecutor executor() {
        return loop;
    }

    @Override
    public boolean reusesConnection() {
        return reused;
    }

    @Override
    public void start(BlockReceiver r) {
        this.receiver = r;
        List<Channel> waiting = new ArrayList<>(beforeStart);
        beforeStart.clear();
        waiting.forEach(this::attach);
    }

    @Override
    public void requestMore() {
        for (EDataConnection c : List.copyOf(attached)) {
            c.requestRead();
        }
    }

    @Override
    public void abort() {
        if (finished) {
            return;
        }
        finished = true;
        end(false);
    }

    private void onConnection(Channel ch) {
        if (finished) {
            listener.park(ch);
        } else if (receiver == null) {
            beforeStart.add(ch);
        } else {
            attach(ch);
        }
    }

    private void attach(Channel ch) {
        if (!ch.isActive()) {
            return;
        }
        EDataConnection connection = EDataConnection.of(ch);
        attached.add(connection);
        connection.attach(this);
        if (!finished) {
            connection.requestRead();
        }
    }

    void onPayload(long offset, ByteBuf data) {
        if (finished) {
            data.release();
            return;
        }
        receiver.onBlock(offset, data);
    }

    void onReadComplete() {
        if (!finished) {
            receiver.onReadComplete();
        }
    }

    void onEof(EDataConnection from, long count) {
        if (finished) {
            return;
        }
        if (expectedEods >= 0) {
            fail(Replies.badModeE("a second EOF block arrived"));
            return;
        }
        expectedEods = count;
        checkComplete();
    }

    void onEod(EDataConnection from, boolean close) {
        if (finished) {
            return;
        }
        eods++;
        attached.remove(from);
        from.detach();
        if (close) {
            from.channel().close();
        } else {
            listener.park(from.channel());
        }
        checkComplete();
    }

    void onClosed(EDataConnection connection) {
        attached.remove(connection);
        connection.detach();
        if (finished) {
            return;
        }
        if (connection.startedBlocks() && !connection.ended()) {
            // Lost mid-transfer, as on a network failure: a 426, so the upload can be resumed.
            // A connection that never sent a header is one the sender did not need: harmless.
            fail(Replies.DATA_CLOSED_BEFORE_EOD);
            return;
        }
        checkComplete();
    }

    void onProtocolError(EDataConnection connection, EBlockException e) {
        fail(Replies.badModeE(e.getMessage()));
    }

    private void checkComplete() {
        if (expectedEods < 0) {
            return;
        }
        if (eods == expectedEods && attached.stream().anyMatch(c -> c.startedBlocks() && !c.ended())) {
            fail(Replies.badModeE("data arrived on more connections than the " + expectedEods
                    + " the EOF block announced"));
        } else if (eods == expectedEods) {
            finished = true;
            end(true);
            receiver.onEnd();
        } else if (eods > expectedEods) {
            fail(Replies.badModeE("more EODs than the " + expectedEods + " the EOF block announced"));
        } else if (attached.stream().allMatch(c -> !c.startedBlocks()) && graceTimer == null) {
            graceTimer = loop.schedule(this::missingEods, MISSING_EOD_GRACE_MILLIS, TimeUnit.MILLISECONDS);
        }
    }

    private void missingEods() {
        graceTimer = null;
        if (!finished && attached.stream().allMatch(c -> !c.startedBlocks())) {
            fail(Replies.badModeE("the EOF block announced " + expectedEods + " EODs but only " + eods
                    + " arrived before the connections went quiet"));
        }
    }

    private void fail(org.gantry.core.internal.protocol.Reply reply) {
        if (finished) {
            return;
        }
        finished = true;
        end(false);
        receiver.onError(new FtpReplyException(reply));
    }

    /**
     * Stops taking connections. After a clean end, connections that took no part stay cached;
     * after a failure every connection is in an unknown state and is closed.
     */
    private void end(boolean clean) {
        listener.unsubscribe();
        if (graceTimer != null) {
            graceTimer.cancel(false);
            graceTimer = null;
        }
        for (EDataConnection c : List.copyOf(attached)) {
            c.detach();
            if (clean && !c.startedBlocks()) {
                listener.park(c.channel());
            } else {
                c.channel().close();
            }
        }
        attached.clear();
        if (!clean) {
            beforeStart.forEach(Channel::close);
        } else {
            beforeStart.forEach(listener::park);
        }
        beforeStart.clear();
    }
}
