package dev.realtime.cluster;

import dev.realtime.engineio.Ids;
import dev.realtime.socketio.Namespace;
import dev.realtime.socketio.RoomAdapter;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisChannelHandler;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisConnectionStateListener;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.RedisURI;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulConnection;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.async.RedisAsyncCommands;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.codec.RedisCodec;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.DefaultClientResources;
import io.lettuce.core.resource.Delay;
import java.net.SocketAddress;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

/**
 * One node's link to Redis: a command connection for PUBLISH and PUBSUB NUMSUB, and a separate subscriber
 * connection holding each namespace's channels once (Node peers count the request channel's subscribers to know
 * how many answers to wait for). Lettuce reconnects both and subscribes again by itself; commands made meanwhile
 * fail at once instead of queueing, and at most {@link #REQUEST_QUEUE} commands wait for Redis at any time.
 * Nothing here blocks: every call is asynchronous, and messages are handled on Lettuce's event loop.
 */
public final class RedisNode implements AutoCloseable {

    static final int REQUEST_QUEUE = 10_000;
    private static final Logger log = LoggerFactory.getLogger(RedisNode.class);
    private static final RedisCodec<String, byte[]> CODEC = RedisCodec.of(StringCodec.UTF8, ByteArrayCodec.INSTANCE);

    private final String uid = Ids.random();
    private final String prefix;
    private final Duration requestTimeout;
    private final JsonMapper mapper;
    private final RedisURI uri;
    private final ClientResources resources;
    private final RedisClient client;
    private final Map<String, RedisRoomAdapter> byChannel = new ConcurrentHashMap<>();
    private final Map<String, RedisRoomAdapter> byPattern = new ConcurrentHashMap<>();
    private final AtomicBoolean up = new AtomicBoolean();
    private final AtomicBoolean closed = new AtomicBoolean();
    private final AtomicBoolean unreachableLogged = new AtomicBoolean();
    private final ScheduledExecutorService connector = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "redis-connect");
        thread.setDaemon(true);
        return thread;
    });
    private volatile StatefulRedisConnection<String, byte[]> commands;
    private volatile StatefulRedisPubSubConnection<String, byte[]> subscriber;
    private volatile StatefulRedisConnection<String, String> state;
    private final Map<Object, Runnable> onLinked = new ConcurrentHashMap<>();
    private final RedisTraffic traffic = new RedisTraffic();

    /**
     * @param prefix         the key of the Node adapter: channels are {@code <prefix>#<nsp>#...}
     * @param requestTimeout how long a cluster-wide query waits for the other nodes
     */
    public RedisNode(RedisURI uri, String prefix, Duration requestTimeout, JsonMapper mapper) {
        if (prefix.isEmpty() || prefix.contains("#")) {
            throw new IllegalArgumentException("the prefix must be non-empty and without '#': " + prefix);
        }
        this.uri = uri;
        this.prefix = prefix;
        this.requestTimeout = requestTimeout;
        this.mapper = mapper;
        this.resources = DefaultClientResources.builder()
                .reconnectDelay(Delay.exponential(Duration.ofMillis(100), Duration.ofSeconds(5), 2, TimeUnit.MILLISECONDS))
                .build();
        this.client = RedisClient.create(resources, uri);
        client.setOptions(ClientOptions.builder()
                .autoReconnect(true)
                .requestQueueSize(REQUEST_QUEUE)
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                .timeoutOptions(TimeoutOptions.enabled(requestTimeout))
                .build());
        client.addListener(new StateLog());
    }

    /**
     * Connects without waiting; while Redis cannot be reached it tries again every few seconds. A connection
     * attempt waits for the URI's timeout, so keep that short: a stalled attempt delays the next one.
     */
    public RedisNode start() {
        connector.execute(this::connect);
        return this;
    }

    // On the connector thread: opening a Lettuce connection may wait briefly, which no event loop may do.
    private void connect() {
        client.connectAsync(CODEC, uri).toCompletableFuture()
                .thenComposeAsync(cmd -> closingOnFailure(cmd, client.connectPubSubAsync(CODEC, uri).toCompletableFuture()
                        .thenComposeAsync(sub -> closingOnFailure(sub, client.connectAsync(StringCodec.UTF8, uri)
                                .toCompletableFuture()
                                .thenApply(shared -> {
                                    commands = cmd;
                                    subscriber = sub;
                                    state = shared;
                                    sub.addListener(new Messages());
                                    byChannel.values().stream().distinct().forEach(this::subscribe);
                                    updateState();
                                    return shared;
                                })), connector)), connector)
                .whenCompleteAsync((connected, error) -> {
                    if (error != null && !closed.get()) {
                        if (unreachableLogged.compareAndSet(false, true)) {
                            log.warn("Redis at {} unreachable, rooms are local to this node until it is: {}",
                                    uri, error.getMessage());
                        }
                        connector.schedule(this::connect, 2, TimeUnit.SECONDS);
                    }
                }, connector);
    }

    /** The next step, closing the connection already opened when it fails, so a failed attempt leaks none. */
    private static <T> CompletableFuture<T> closingOnFailure(StatefulConnection<?, ?> opened, CompletableFuture<T> next) {
        return next.whenComplete((result, error) -> {
            if (error != null) {
                opened.closeAsync();
            }
        });
    }

    /** Makes the adapter of each namespace of this node. */
    public Function<Namespace, RoomAdapter> adapters() {
        return namespace -> {
            RedisRoomAdapter adapter = new RedisRoomAdapter(namespace, this);
            ClusterChannels channels = adapter.channels();
            byPattern.put(channels.broadcastPattern(), adapter);
            channels.subscribed().forEach(channel -> byChannel.put(channel, adapter));
            if (subscriber != null) {
                subscribe(adapter);
            }
            return adapter;
        };
    }

    /** Whether all connections are up. */
    public boolean isConnected() {
        StatefulRedisConnection<String, byte[]> cmd = commands;
        StatefulRedisPubSubConnection<String, byte[]> sub = subscriber;
        StatefulRedisConnection<String, String> shared = state;
        return cmd != null && cmd.isOpen() && sub != null && sub.isOpen() && shared != null && shared.isOpen()
                && !closed.get();
    }

    /**
     * Runs a command on the connection for state the nodes share (presence, typing), with string keys and
     * values. Like every command here it fails at once while Redis is unreachable, never queues behind an outage,
     * and completes on a Lettuce thread: callers must not block in what they chain on it.
     */
    public <T> CompletableFuture<T> state(Function<RedisAsyncCommands<String, String>, RedisFuture<T>> command) {
        StatefulRedisConnection<String, String> connection = state;
        if (connection == null) {
            return CompletableFuture.failedFuture(new IllegalStateException("not connected to Redis yet"));
        }
        return command.apply(connection.async()).toCompletableFuture();
    }

    /**
     * Runs {@code action} each time the link to Redis comes up (the first time and after every outage), on a
     * Lettuce thread. State kept in Redis may be gone after an outage (a restarted Redis keeps nothing here), so
     * owners of shared state write theirs again from it.
     */
    public void onLinked(Object owner, Runnable action) {
        onLinked.put(owner, action);
        if (up.get()) {
            action.run();
        }
    }

    /** This node's id in the cluster (the adapter's uid): unique per process start. */
    public String nodeId() {
        return uid;
    }

    String uid() {
        return uid;
    }

    String prefix() {
        return prefix;
    }

    Duration requestTimeout() {
        return requestTimeout;
    }

    JsonMapper mapper() {
        return mapper;
    }

    ScheduledExecutorService scheduler() {
        return resources.eventExecutorGroup();
    }

    CompletableFuture<Long> publish(String channel, byte[] message) {
        traffic.published();
        StatefulRedisConnection<String, byte[]> connection = commands;
        if (connection == null) {
            traffic.publishFailed();
            return CompletableFuture.failedFuture(new IllegalStateException("not connected to Redis yet"));
        }
        return connection.async().publish(channel, message).toCompletableFuture().whenComplete((receivers, error) -> {
            if (error != null) {
                traffic.publishFailed();
            }
        });
    }

    RedisTraffic traffic() {
        return traffic;
    }

    /** How many connections, this node's included, subscribe to the channel. */
    CompletableFuture<Long> subscribers(String channel) {
        StatefulRedisConnection<String, byte[]> connection = commands;
        if (connection == null) {
            return CompletableFuture.failedFuture(new IllegalStateException("not connected to Redis yet"));
        }
        return connection.async().pubsubNumsub(channel).toCompletableFuture()
                .thenApply(counts -> counts.getOrDefault(channel, 0L));
    }

    private void subscribe(RedisRoomAdapter adapter) {
        ClusterChannels channels = adapter.channels();
        subscriber.async().psubscribe(channels.broadcastPattern());
        subscriber.async().subscribe(channels.subscribed().toArray(String[]::new));
    }

    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            connector.shutdownNow();
            client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
            resources.shutdown(0, 2, TimeUnit.SECONDS);
        }
    }

    private final class Messages extends RedisPubSubAdapter<String, byte[]> {
        @Override
        public void message(String channel, byte[] message) {
            traffic.received();
            RedisRoomAdapter adapter = byChannel.get(channel);
            if (adapter != null) {
                adapter.onRequestOrResponse(channel, message);
            }
        }

        @Override
        public void message(String pattern, String channel, byte[] message) {
            traffic.received();
            RedisRoomAdapter adapter = byPattern.get(pattern);
            if (adapter != null) {
                adapter.onBroadcast(channel, message);
            }
        }
    }

    /** Logs each change between "linked" (all connections open) and "not linked" once. */
    private void updateState() {
        boolean linked = isConnected();
        if (linked && up.compareAndSet(false, true)) {
            unreachableLogged.set(false);
            log.info("cluster link to Redis at {} is up (node {})", uri, uid);
            onLinked.values().forEach(action -> {
                try {
                    action.run();
                } catch (RuntimeException e) {
                    log.warn("restoring shared state after the link came up failed", e);
                }
            });
        } else if (!linked && up.compareAndSet(true, false) && !closed.get()) {
            log.warn("cluster link to Redis is down: rooms are local to this node until it is back");
        }
    }

    private final class StateLog implements RedisConnectionStateListener {
        @Override
        public void onRedisConnected(RedisChannelHandler<?, ?> connection, SocketAddress address) {
            updateState();
        }

        @Override
        public void onRedisDisconnected(RedisChannelHandler<?, ?> connection) {
            updateState();
        }
    }
}
