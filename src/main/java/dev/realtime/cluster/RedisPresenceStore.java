package dev.realtime.cluster;

import dev.realtime.presence.PresenceStatus;
import dev.realtime.presence.PresenceStore;
import io.lettuce.core.ScriptOutputType;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Presence in the Redis the nodes share; the keys are described in {@code presence.lua}, and every change is one
 * Lua script, so it is atomic. One Redis (or a primary with replicas), not Redis Cluster. Each node heartbeats every
 * third of the node timeout and sweeps the nodes silent for longer. While Redis cannot be reached, calls fail at
 * once; the node's own connections are kept here and written again each time the link comes up.
 */
public final class RedisPresenceStore implements PresenceStore, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(RedisPresenceStore.class);
    /** How long a swept node, coming back, can still learn that it was taken for dead. */
    private static final Duration GONE_TTL = Duration.ofDays(1);
    private static final String LIB = "presence.lua";
    private static final RedisScript CONNECT = RedisScript.load(LIB, "presence-connect.lua");
    private static final RedisScript DISCONNECT = RedisScript.load(LIB, "presence-disconnect.lua");
    private static final RedisScript REMOVE_IF_IDLE = RedisScript.load(LIB, "presence-remove-if-idle.lua");
    private static final RedisScript SET_STATUS = RedisScript.load(LIB, "presence-set-status.lua");
    private static final RedisScript STATUSES = RedisScript.load(LIB, "presence-statuses.lua");
    private static final RedisScript TICK = RedisScript.load(LIB, "presence-tick.lua");
    private static final RedisScript RESTORE = RedisScript.load(LIB, "presence-restore.lua");
    private static final RedisScript LEAVE = RedisScript.load(LIB, "presence-leave.lua");

    private final RedisNode node;
    private final Duration nodeTimeout;
    private final String keys;
    private final LocalConnections local = new LocalConnections();
    private final AtomicLong tokens = new AtomicLong();
    private final AtomicBoolean restoredOnce = new AtomicBoolean();
    private final AtomicBoolean failing = new AtomicBoolean();
    private volatile Listener listener;
    private volatile ScheduledFuture<?> ticks;

    /** @param nodeTimeout how long a node may stay silent before the others take it for dead */
    public RedisPresenceStore(RedisNode node, Duration nodeTimeout) {
        if (nodeTimeout.toMillis() < 3) {
            throw new IllegalArgumentException("the node timeout must be at least 3 ms: " + nodeTimeout);
        }
        this.node = node;
        this.nodeTimeout = nodeTimeout;
        this.keys = node.prefix() + ":presence";
    }

    @Override
    public void start(Listener listener) {
        this.listener = listener;
        node.onLinked(this, this::restore);
        long period = nodeTimeout.toMillis() / 3;
        ticks = node.scheduler().scheduleAtFixedRate(this::tick, period, period, TimeUnit.MILLISECONDS);
    }

    @Override
    public CompletableFuture<Connected> connect(String userId, String connectionId) {
        local.add(userId, connectionId);
        return write(userId, connectionId);
    }

    private CompletableFuture<Connected> write(String userId, String connectionId) {
        return tracked(CONNECT.<List<Object>>run(node, ScriptOutputType.MULTI, keys, node.nodeId(), connectionId, userId))
                .thenApply(reply -> {
                    PresenceStatus status = PresenceStatus.fromWire((String) reply.get(1));
                    local.status(userId, status);
                    return new Connected((Long) reply.get(0) == 1, status);
                });
    }

    @Override
    public CompletableFuture<Disconnected> disconnect(String userId, String connectionId, OffsetDateTime closedAt) {
        local.remove(userId, connectionId);
        return drop(userId, connectionId, closedAt).whenComplete((dropped, error) -> {
            if (error != null) {
                local.departedWhileUnlinked(userId, micros(closedAt));
            }
        });
    }

    @Override
    public CompletableFuture<Boolean> removeIfIdle(String userId, String token) {
        return tracked(REMOVE_IF_IDLE.<Long>run(node, ScriptOutputType.INTEGER, keys, userId, token))
                .thenApply(removed -> removed == 1);
    }

    @Override
    public CompletableFuture<Boolean> setStatus(String userId, PresenceStatus status) {
        return tracked(SET_STATUS.<Long>run(node, ScriptOutputType.INTEGER, keys, userId, status.wire()))
                .thenApply(changed -> {
                    local.status(userId, status);
                    return changed == 1;
                });
    }

    @Override
    public CompletableFuture<Map<String, PresenceStatus>> statuses(Collection<String> userIds) {
        List<String> ids = List.copyOf(userIds);
        List<String> arguments = new ArrayList<>(ids.size() + 1);
        arguments.add(keys);
        arguments.addAll(ids);
        return tracked(STATUSES.<List<Object>>run(node, ScriptOutputType.MULTI, arguments.toArray(String[]::new)))
                .thenApply(reply -> {
                    Map<String, PresenceStatus> statuses = new HashMap<>();
                    for (int i = 0; i < ids.size() && i < reply.size(); i++) {
                        if (reply.get(i) instanceof String status) {
                            statuses.put(ids.get(i), PresenceStatus.fromWire(status));
                        }
                    }
                    return statuses;
                });
    }

    @Override
    public CompletableFuture<Integer> connections(String userId) {
        return tracked(node.state(cmd -> cmd.scard(keys + ":conns:" + userId))).thenApply(Long::intValue);
    }

    @Override
    public boolean isShared() {
        return true;
    }

    @Override
    public CompletableFuture<Set<String>> onlineUsers() {
        return tracked(node.state(cmd -> cmd.smembers(keys + ":users"))).thenApply(Set::copyOf);
    }

    /** Whether this node has written its connections since it started (on its first link to Redis). */
    public boolean restored() {
        return restoredOnce.get();
    }

    /** Says goodbye: the next sweep of another node takes this node's connections and grace periods over. */
    @Override
    public void close() {
        ScheduledFuture<?> running = ticks;
        if (running != null) {
            running.cancel(false);
        }
        try {
            LEAVE.run(node, ScriptOutputType.INTEGER, keys, node.nodeId()).get(2, TimeUnit.SECONDS);
        } catch (Exception e) {
            log.info("could not tell the other nodes this one leaves; they will find out after {}", nodeTimeout);
        }
    }

    private CompletableFuture<Disconnected> drop(String userId, String connectionId, OffsetDateTime closedAt) {
        String token = token();
        return tracked(DISCONNECT.<Long>run(node, ScriptOutputType.INTEGER, keys, node.nodeId(), connectionId, userId,
                token, Long.toString(micros(closedAt))))
                .thenApply(left -> new Disconnected(left.intValue(),
                        left == 0 ? Optional.of(new Idle(userId, token, closedAt, closedAt)) : Optional.empty()));
    }

    // On a Lettuce thread; scheduleAtFixedRate would stop for good after one exception, so none escapes.
    private void tick() {
        if (!node.isConnected()) {
            return;
        }
        try {
            tracked(TICK.<List<Object>>run(node, ScriptOutputType.MULTI, keys, node.nodeId(),
                    Long.toString(nodeTimeout.toMillis()), token(), Long.toString(GONE_TTL.toMillis())))
                    .thenAccept(reply -> {
                        if ((Long) reply.get(0) == 0) {
                            restore();
                        } else {
                            handOver(reply.get(1));
                        }
                    });
        } catch (RuntimeException e) {
            log.warn("presence heartbeat failed", e);
        }
    }

    /**
     * Writes this node's connections again. A connection opened or closed while the script was on its way may be
     * missing from it or written back wrongly, so what changed meanwhile is sent once more afterwards.
     */
    private void restore() {
        Map<String, String> before = local.connections();
        Map<String, Long> departed = local.departed();
        List<String> arguments = new ArrayList<>(List.of(keys, node.nodeId(), restoredOnce.get() ? "0" : "1", token(),
                Integer.toString(before.size())));
        arguments.addAll(local.asArguments(before));
        departed.forEach((userId, closedAt) -> {
            arguments.add(userId);
            arguments.add(Long.toString(closedAt));
        });
        tracked(RESTORE.<List<Object>>run(node, ScriptOutputType.MULTI, arguments.toArray(String[]::new)))
                .thenAccept(reply -> {
                    restoredOnce.set(true);
                    local.forgetDeparted(departed);
                    List<?> online = (List<?>) reply.get(0);
                    for (int i = 0; i + 1 < online.size(); i += 2) {
                        listener.cameOnline((String) online.get(i), PresenceStatus.fromWire((String) online.get(i + 1)));
                    }
                    handOver(reply.get(1));
                    catchUp(before);
                });
    }

    private void catchUp(Map<String, String> before) {
        Map<String, String> now = local.connections();
        now.forEach((connectionId, userId) -> {
            if (!before.containsKey(connectionId)) {
                write(userId, connectionId).thenAccept(connected -> {
                    if (connected.cameOnline()) {
                        listener.cameOnline(userId, connected.status());
                    }
                    // Closed while this was on its way: its own disconnect may have gone first.
                    if (!local.holds(userId, connectionId)) {
                        dropAgain(userId, connectionId);
                    }
                });
            }
        });
        before.forEach((connectionId, userId) -> {
            if (!now.containsKey(connectionId)) {
                dropAgain(userId, connectionId);
            }
        });
    }

    private void dropAgain(String userId, String connectionId) {
        drop(userId, connectionId, OffsetDateTime.now(ZoneOffset.UTC))
                .thenAccept(dropped -> dropped.idle().ifPresent(listener::graceStarted));
    }

    /** The idle periods a script says this node times now: user, token, since, grace from (epoch micros), flat. */
    private void handOver(Object flat) {
        List<?> periods = (List<?>) flat;
        for (int i = 0; i + 3 < periods.size(); i += 4) {
            listener.graceStarted(new Idle((String) periods.get(i), (String) periods.get(i + 1),
                    fromMicros(periods.get(i + 2)), fromMicros(periods.get(i + 3))));
        }
    }

    /** Logs when presence loses Redis and when it has it again, not each call that failed meanwhile. */
    private <T> CompletableFuture<T> tracked(CompletableFuture<T> call) {
        return call.whenComplete((result, error) -> {
            if (error == null && failing.compareAndSet(true, false)) {
                log.info("presence reaches Redis again");
            } else if (error != null && failing.compareAndSet(false, true)) {
                log.warn("presence cannot reach Redis ({}): calls fail until it can; this node's connections are "
                        + "kept and written again then", error.getMessage());
            }
        });
    }

    /** Unique in the cluster for ever: node ids are new with every process. */
    private String token() {
        return node.nodeId() + ":" + tokens.incrementAndGet();
    }

    private static OffsetDateTime fromMicros(Object micros) {
        return Instant.EPOCH.plus(Long.parseLong((String) micros), ChronoUnit.MICROS).atOffset(ZoneOffset.UTC);
    }

    private static long micros(OffsetDateTime time) {
        return ChronoUnit.MICROS.between(Instant.EPOCH, time.toInstant());
    }
}
