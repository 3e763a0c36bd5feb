package dev.realtime.socketio;

import dev.realtime.engineio.EnginePacket;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.BinaryNode;

/**
 * A Socket.IO namespace: its middleware, its event handlers, its connected sockets and its rooms. Register
 * handlers before clients connect; registration is thread-safe but does not reach events already dispatched.
 */
public final class Namespace {

    private static final Logger log = LoggerFactory.getLogger(Namespace.class);

    private final String name;
    private final SocketCodec codec;
    private final ServerMetrics metrics;
    private final Map<String, Socket> sockets = new ConcurrentHashMap<>();
    private final List<Middleware> middlewares = new CopyOnWriteArrayList<>();
    private final Map<String, EventHandler> handlers = new ConcurrentHashMap<>();
    private final List<Consumer<Socket>> connectionListeners = new CopyOnWriteArrayList<>();
    private final List<BiConsumer<Socket, String>> disconnectListeners = new CopyOnWriteArrayList<>();
    private final List<BiConsumer<String, List<JsonNode>>> serverSideListeners = new CopyOnWriteArrayList<>();
    private volatile UnknownEventHandler unknownEventHandler = (socket, event, args, ack) -> { };
    private volatile RoomAdapter adapter;

    Namespace(String name, SocketCodec codec, ServerMetrics metrics) {
        this.name = name;
        this.codec = codec;
        this.metrics = metrics;
    }

    public String name() {
        return name;
    }

    /** Adds a check that runs, in registration order, before a socket may connect. */
    public Namespace use(Middleware middleware) {
        middlewares.add(middleware);
        return this;
    }

    /** Sets the handler of one event; a later registration for the same event replaces it. */
    public Namespace on(String event, EventHandler handler) {
        handlers.put(event, handler);
        return this;
    }

    /**
     * Sets what handles an event no {@link #on} handler was registered for; by default such an event is dropped and
     * its ack never answered. A later call replaces the handler.
     */
    public Namespace onUnknownEvent(UnknownEventHandler handler) {
        unknownEventHandler = Objects.requireNonNull(handler, "handler");
        return this;
    }

    public Namespace onConnection(Consumer<Socket> listener) {
        connectionListeners.add(listener);
        return this;
    }

    /** Called once per socket with the reason ("client namespace disconnect", "transport close", ...). */
    public Namespace onDisconnect(BiConsumer<Socket, String> listener) {
        disconnectListeners.add(listener);
        return this;
    }

    public BroadcastOperator to(String room) {
        return new BroadcastOperator(this, Set.of(room), Set.of(), BroadcastFlags.NONE);
    }

    public BroadcastOperator except(String room) {
        return new BroadcastOperator(this, Set.of(), Set.of(room), BroadcastFlags.NONE);
    }

    /** Every socket of the namespace, on every node; with {@code to}/{@code except} to narrow it. */
    public BroadcastOperator all() {
        return new BroadcastOperator(this, Set.of(), Set.of(), BroadcastFlags.NONE);
    }

    /** Sends the event to every socket of the namespace. */
    public void emit(String event, Object... args) {
        all().emit(event, args);
    }

    /** A connected socket of this node, or null. */
    public Socket socket(String id) {
        return sockets.get(id);
    }

    public Collection<Socket> sockets() {
        return List.copyOf(sockets.values());
    }

    /** Sockets of this node connected to this namespace. */
    public int socketCount() {
        return sockets.size();
    }

    public RoomAdapter adapter() {
        return adapter;
    }

    void adapter(RoomAdapter roomAdapter) {
        this.adapter = roomAdapter;
    }

    SocketCodec codec() {
        return codec;
    }

    ServerMetrics metrics() {
        return metrics;
    }

    void broadcast(BroadcastTarget target, BroadcastFlags flags, String event, Object... args) {
        ArrayNode data = eventData(event, args);
        adapter.broadcast(new Broadcast(data, target, flags, codec.encode(PacketKind.EVENT, name, null, data)));
    }

    /** Encodes a broadcast's data once for this node's sockets; for an adapter delivering another node's broadcast. */
    public List<EnginePacket> encodeBroadcast(ArrayNode data) {
        return codec.encode(PacketKind.EVENT, name, null, data);
    }

    /** The JSON tree of an event's data, as a cluster adapter sends it to other nodes. */
    public ArrayNode eventData(String event, Object... args) {
        ArrayNode data = codec.mapper().createArrayNode().add(event);
        for (Object arg : args) {
            data.add(toNode(arg));
        }
        return data;
    }

    /** Sends an event to the server-side listeners of the other nodes of the cluster (not this one's). */
    public void serverSideEmit(String event, Object... args) {
        adapter.serverSideEmit(event, List.copyOf(eventData(event, args).values()).subList(1, args.length + 1));
    }

    /** Listens to the events other nodes send with {@link #serverSideEmit}: the event name and its arguments. */
    public Namespace onServerSideEmit(BiConsumer<String, List<JsonNode>> listener) {
        serverSideListeners.add(listener);
        return this;
    }

    /** Hands an event another node sent with serverSideEmit to this node's listeners; for cluster adapters. */
    public void receiveServerSideEmit(String event, List<JsonNode> args) {
        for (BiConsumer<String, List<JsonNode>> listener : serverSideListeners) {
            try {
                listener.accept(event, args);
            } catch (RuntimeException e) {
                log.warn("server-side listener failed for '{}' of namespace {}", event, name, e);
            }
        }
    }

    List<EnginePacket> encodeEvent(String event, Long ackId, Object[] args) {
        return codec.encode(PacketKind.EVENT, name, ackId, eventData(event, args));
    }

    List<EnginePacket> encodeAck(long ackId, Object[] args) {
        ArrayNode data = codec.mapper().createArrayNode();
        for (Object arg : args) {
            data.add(toNode(arg));
        }
        return codec.encode(PacketKind.ACK, name, ackId, data);
    }

    private JsonNode toNode(Object arg) {
        if (arg instanceof JsonNode node) {
            return node;
        }
        if (arg instanceof byte[] bytes) {
            return BinaryNode.valueOf(bytes);
        }
        return codec.mapper().valueToTree(arg);
    }

    /** Runs the middleware chain; {@code done} receives null when the socket may connect. */
    void authorize(Socket socket, Consumer<ConnectError> done) {
        next(socket, 0, done);
    }

    private void next(Socket socket, int index, Consumer<ConnectError> done) {
        if (index == middlewares.size()) {
            done.accept(null);
            return;
        }
        AtomicBoolean answered = new AtomicBoolean();
        try {
            middlewares.get(index).handle(socket, new Middleware.Next() {
                @Override
                public void proceed() {
                    if (answered.compareAndSet(false, true)) {
                        next(socket, index + 1, done);
                    }
                }

                @Override
                public void reject(ConnectError error) {
                    if (answered.compareAndSet(false, true)) {
                        done.accept(error);
                    }
                }
            });
        } catch (RuntimeException e) {
            log.warn("middleware failed for socket {} of namespace {}", socket.id(), name, e);
            if (answered.compareAndSet(false, true)) {
                done.accept(ConnectError.of("internal error"));
            }
        }
    }

    void add(Socket socket) {
        sockets.put(socket.id(), socket);
        adapter.join(socket.id(), Set.of(socket.id()));
        if (!socket.onConnected()) {
            sockets.remove(socket.id(), socket);
            adapter.leaveAll(socket.id());
            return;
        }
        socket.deliver(codec.encode(PacketKind.CONNECT, name, null,
                codec.mapper().createObjectNode().put("sid", socket.id())));
        for (Consumer<Socket> listener : connectionListeners) {
            try {
                listener.accept(socket);
            } catch (RuntimeException e) {
                log.warn("connection listener failed for socket {}", socket.id(), e);
            }
        }
    }

    void remove(Socket socket, String reason) {
        sockets.remove(socket.id(), socket);
        adapter.leaveAll(socket.id());
        for (BiConsumer<Socket, String> listener : disconnectListeners) {
            try {
                listener.accept(socket, reason);
            } catch (RuntimeException e) {
                log.warn("disconnect listener failed for socket {}", socket.id(), e);
            }
        }
    }

    void dispatch(Socket socket, JsonNode data, Long ackId) {
        String event = data.get(0).asString();
        EventHandler handler = handlers.get(event);
        List<JsonNode> args = List.copyOf(data.values()).subList(1, data.size());
        Ack ack = ackId == null ? Ack.NONE : new PacketAck(socket, ackId);
        metrics.eventReceived(handler != null ? event : ServerMetrics.OTHER);
        try {
            if (handler != null) {
                handler.handle(socket, args, ack);
            } else {
                unknownEventHandler.handle(socket, event, args, ack);
            }
        } catch (RuntimeException e) {
            log.warn("handler of '{}' failed for socket {}", event, socket.id(), e);
        }
    }

    private final class PacketAck implements Ack {
        private final Socket socket;
        private final long id;
        private final AtomicBoolean sent = new AtomicBoolean();

        PacketAck(Socket socket, long id) {
            this.socket = socket;
            this.id = id;
        }

        @Override
        public boolean requested() {
            return true;
        }

        @Override
        public void send(Object... args) {
            if (sent.compareAndSet(false, true)) {
                socket.deliver(encodeAck(id, args));
            }
        }
    }
}
