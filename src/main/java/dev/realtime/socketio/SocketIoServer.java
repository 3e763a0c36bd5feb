package dev.realtime.socketio;

import dev.realtime.engineio.EngineServer;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import tools.jackson.databind.json.JsonMapper;

/**
 * A Socket.IO v5 server over an {@link EngineServer}. Namespace "/" always exists; others exist once
 * {@link #of(String)} created them, and a client asking for any other gets CONNECT_ERROR "Invalid namespace".
 */
public final class SocketIoServer implements AutoCloseable {

    private final SocketIoOptions options;
    private final SocketCodec codec;
    private final AttachmentBudget attachmentBudget;
    private final Function<Namespace, RoomAdapter> adapters;
    private final Map<String, Namespace> namespaces = new ConcurrentHashMap<>();
    private final EngineServer engine;
    private final ServerMetrics metrics;

    /**
     * @param adapters makes the room adapter of each namespace (in memory, or one that spans a cluster)
     */
    public SocketIoServer(SocketIoOptions options, JsonMapper mapper, Function<Namespace, RoomAdapter> adapters) {
        this(options, mapper, adapters, ServerMetrics.NONE);
    }

    /**
     * @param adapters makes the room adapter of each namespace (in memory, or one that spans a cluster)
     * @param metrics  told of events and broadcasts, and of what happens to the Engine.IO sessions underneath
     */
    public SocketIoServer(SocketIoOptions options, JsonMapper mapper, Function<Namespace, RoomAdapter> adapters,
                          ServerMetrics metrics) {
        this.options = options;
        this.metrics = metrics;
        this.codec = new SocketCodec(mapper, options.maxAttachments());
        this.attachmentBudget = new AttachmentBudget(options.attachmentBudget());
        this.adapters = adapters;
        this.engine = new EngineServer(options.engine(), session -> new Client(this, session), metrics);
        of("/");
    }

    /** A server with in-memory rooms: a single node. */
    public static SocketIoServer inMemory(SocketIoOptions options, JsonMapper mapper) {
        return new SocketIoServer(options, mapper, InMemoryRoomAdapter::new);
    }

    public EngineServer engine() {
        return engine;
    }

    public SocketIoOptions options() {
        return options;
    }

    /** The namespace of that name, created on first use. Names start with "/". */
    public Namespace of(String name) {
        if (!name.startsWith("/")) {
            throw new IllegalArgumentException("a namespace name starts with '/': " + name);
        }
        return namespaces.computeIfAbsent(name, n -> {
            Namespace namespace = new Namespace(n, codec, metrics);
            namespace.adapter(adapters.apply(namespace));
            return namespace;
        });
    }

    /** The main namespace, "/". */
    public Namespace sockets() {
        return of("/");
    }

    /** Sockets connected to this node, all namespaces together. */
    public int socketCount() {
        int count = 0;
        for (Namespace namespace : namespaces.values()) {
            count += namespace.socketCount();
        }
        return count;
    }

    /** Rooms with a member on this node, all namespaces together, not counting each socket's own room. */
    public int roomCount() {
        int count = 0;
        for (Namespace namespace : namespaces.values()) {
            count += namespace.adapter().roomCount();
        }
        return count;
    }

    Namespace find(String name) {
        return namespaces.get(name);
    }

    SocketCodec codec() {
        return codec;
    }

    AttachmentBudget attachmentBudget() {
        return attachmentBudget;
    }

    @Override
    public void close() {
        engine.close();
    }
}
