package dev.realtime.cluster;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import tools.jackson.databind.JsonNode;

/**
 * This node's cluster-wide queries still waiting for answers, by request id. Each waits for a known number of
 * answers and fails whole when they do not all come within the timeout (as the Node adapter's do). Bounded: past
 * {@link #MAX_PENDING} queries in flight a new one fails at once.
 */
final class PendingRequests {

    static final int MAX_PENDING = 1024;

    private final RedisNode node;
    private final Map<String, Pending> pending = new ConcurrentHashMap<>();

    PendingRequests(RedisNode node) {
        this.node = node;
    }

    /**
     * Registers a query before it is published, so an answer cannot come first.
     *
     * @param answers how many answers complete it
     * @param what    named in the timeout's message, as Node names it ("fetchSockets")
     */
    CompletableFuture<List<JsonNode>> expect(String requestId, int answers, String what) {
        if (pending.size() >= MAX_PENDING) {
            return CompletableFuture.failedFuture(new IllegalStateException("too many cluster requests in flight"));
        }
        Pending request = new Pending(answers);
        pending.put(requestId, request);
        node.scheduler().schedule(() -> {
            if (pending.remove(requestId, request)) {
                request.future.completeExceptionally(
                        new TimeoutException("timeout reached while waiting for " + what + " response"));
            }
        }, node.requestTimeout().toMillis(), TimeUnit.MILLISECONDS);
        return request.future;
    }

    boolean isOwn(String requestId) {
        return requestId != null && pending.containsKey(requestId);
    }

    void fail(String requestId, Throwable error) {
        Pending request = pending.remove(requestId);
        if (request != null) {
            request.future.completeExceptionally(error);
        }
    }

    /** Counts an answer; answers to requests of other nodes, or to expired ones, are dropped. */
    void onAnswer(String requestId, JsonNode answer) {
        Pending request = requestId == null ? null : pending.get(requestId);
        if (request != null && request.add(answer)) {
            pending.remove(requestId, request);
            request.future.complete(request.answers());
        }
    }

    private static final class Pending {
        private final int expected;
        private final List<JsonNode> answers = new ArrayList<>();
        private final CompletableFuture<List<JsonNode>> future = new CompletableFuture<>();

        Pending(int expected) {
            this.expected = expected;
        }

        /** @return true when this answer was the last one expected */
        synchronized boolean add(JsonNode answer) {
            answers.add(answer);
            return answers.size() == expected;
        }

        synchronized List<JsonNode> answers() {
            return List.copyOf(answers);
        }
    }
}
