package dev.realtime.engineio;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * The outbound queue of a session on long-polling, and the GET request parked until it has something to answer.
 * Not thread-safe: the owning session guards it with its lock.
 */
final class PollingBuffer {

    private final List<EnginePacket> queue = new ArrayList<>();
    private long queuedBytes;
    private CompletableFuture<String> parked;
    private boolean held;
    private boolean postInFlight;

    /** @return false when adding the packets would exceed the cap; nothing is queued then */
    boolean offer(List<EnginePacket> packets, long maxBytes) {
        long size = 0;
        for (EnginePacket p : packets) {
            size += p.pollingSize();
        }
        if (queuedBytes + size > maxBytes) {
            return false;
        }
        queue.addAll(packets);
        queuedBytes += size;
        return true;
    }

    long queuedBytes() {
        return queuedBytes;
    }

    boolean isEmpty() {
        return queue.isEmpty();
    }

    /** Removes and returns everything queued. */
    List<EnginePacket> drain() {
        List<EnginePacket> out = new ArrayList<>(queue);
        queue.clear();
        queuedBytes = 0;
        return out;
    }

    /** Removes everything queued and encodes it as the body of one poll. */
    String drainPayload() {
        return EngineCodec.encodePayload(drain());
    }

    /** Removes everything queued and encodes it, followed by {@code last}, as the body of one poll. */
    String drainPayload(EnginePacket last) {
        List<EnginePacket> packets = drain();
        packets.add(last);
        return EngineCodec.encodePayload(packets);
    }

    /** The body of a poll answered with this one packet (a noop, or the close that ends the session). */
    static String payloadOf(EnginePacket packet) {
        return EngineCodec.encodePayload(List.of(packet));
    }

    boolean hasParked() {
        return parked != null;
    }

    void park(CompletableFuture<String> request) {
        parked = request;
        held = false;
    }

    /** Parks a request that arrived during an upgrade: the probe does not end it, the upgrade refuses it. */
    void hold(CompletableFuture<String> request) {
        parked = request;
        held = true;
    }

    boolean isHeld() {
        return held;
    }

    /** Detaches the parked request, if any, so the caller can complete it outside the lock. */
    CompletableFuture<String> unpark() {
        CompletableFuture<String> request = parked;
        parked = null;
        held = false;
        return request;
    }

    boolean isParked(CompletableFuture<String> request) {
        return parked == request;
    }

    /** @return false when a POST is already being processed: the client broke the one-POST-at-a-time rule */
    boolean beginPost() {
        if (postInFlight) {
            return false;
        }
        postInFlight = true;
        return true;
    }

    void endPost() {
        postInFlight = false;
    }
}
