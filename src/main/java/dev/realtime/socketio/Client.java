package dev.realtime.socketio;

import dev.realtime.engineio.CloseStatus;
import dev.realtime.engineio.EnginePacket;
import dev.realtime.engineio.EngineSession;
import dev.realtime.engineio.Ids;
import dev.realtime.engineio.ProtocolException;
import dev.realtime.engineio.SessionHandler;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The Socket.IO side of one Engine.IO session: decodes its packets, reassembles binary ones, and routes them to
 * the sockets it has in each namespace. Bad input closes the connection; it is never thrown further.
 *
 * <p>Attachments are held only for a namespace this connection has joined (any other packet would be dropped once
 * complete, so its attachments are dropped as they come), up to the per-packet cap and within the server's budget.
 */
final class Client implements SessionHandler {

    private static final Logger log = LoggerFactory.getLogger(Client.class);

    private final SocketIoServer server;
    private final EngineSession session;
    private final SocketCodec codec;
    private final Map<String, Socket> sockets = new ConcurrentHashMap<>();
    private final Set<String> connecting = ConcurrentHashMap.newKeySet();
    private final ScheduledFuture<?> connectTimeout;
    private final long maxAttachmentBytes;
    // Written by the thread that reads the connection; onClose may come from another and release it.
    private volatile PendingPacket pending;
    private int attachmentsToDrop;

    Client(SocketIoServer server, EngineSession session) {
        this.server = server;
        this.session = session;
        this.codec = server.codec();
        this.maxAttachmentBytes = server.options().maxAttachmentBytes();
        this.connectTimeout = timer().schedule(() -> {
            if (sockets.isEmpty() && connecting.isEmpty()) {
                session.close();
            }
        }, server.options().connectTimeout().toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void onMessage(String text) {
        try {
            if (pending != null || attachmentsToDrop > 0) {
                throw new ProtocolException("text packet while binary attachments were expected");
            }
            SocketPacket packet = codec.decode(text);
            if (packet.attachments() > 0 && !sockets.containsKey(packet.namespace())) {
                attachmentsToDrop = packet.attachments();
            } else if (packet.attachments() > 0) {
                pending = new PendingPacket(packet, maxAttachmentBytes, server.attachmentBudget());
            } else if (packet.kind().isBinary()) {
                handle(codec.reconstruct(packet, List.of()));
            } else {
                handle(packet);
            }
        } catch (ProtocolException e) {
            reject(e);
        }
    }

    @Override
    public void onBinary(byte[] data) {
        if (attachmentsToDrop > 0) {
            attachmentsToDrop--;
            return;
        }
        PendingPacket packet = pending;
        try {
            if (packet == null) {
                throw new ProtocolException("binary data without a packet announcing it");
            }
            switch (packet.add(data)) {
                case INCOMPLETE -> { }
                case COMPLETE -> complete(packet);
                case OVER_PACKET_LIMIT -> refuse("binary attachments over " + maxAttachmentBytes + " bytes");
                case OVER_BUDGET -> refuse("too many binary packets in progress on this server");
            }
        } catch (ProtocolException e) {
            reject(e);
        }
    }

    @Override
    public void onClose(String reason) {
        connectTimeout.cancel(false);
        releasePending();
        sockets.values().forEach(socket -> socket.onDisconnect(reason));
    }

    void send(List<EnginePacket> packets) {
        session.send(packets);
    }

    void send(List<EnginePacket> packets, boolean droppable) {
        session.send(packets, droppable);
    }

    void close() {
        session.close();
    }

    void forget(Socket socket) {
        sockets.remove(socket.namespace().name(), socket);
    }

    ScheduledExecutorService timer() {
        return server.engine().timer();
    }

    private void complete(PendingPacket packet) {
        pending = null;
        SocketPacket reconstructed;
        try {
            reconstructed = codec.reconstruct(packet.packet(), packet.attachments());
        } finally {
            // From here the bytes are the handler's to keep or drop; they no longer wait on this connection.
            packet.release();
        }
        handle(reconstructed);
    }

    private void reject(ProtocolException e) {
        closeWith(CloseStatus.protocolError(e.getMessage()));
    }

    private void refuse(String limit) {
        closeWith(CloseStatus.policyViolation(limit));
    }

    private void closeWith(CloseStatus status) {
        log.debug("closing session {}: {}", session.id(), status.reason());
        releasePending();
        attachmentsToDrop = 0;
        session.close(status);
    }

    private void releasePending() {
        PendingPacket packet = pending;
        if (packet != null) {
            pending = null;
            packet.release();
        }
    }

    private void handle(SocketPacket packet) {
        switch (packet.kind()) {
            case CONNECT -> connect(packet);
            case DISCONNECT -> {
                Socket socket = sockets.get(packet.namespace());
                if (socket != null) {
                    socket.onDisconnect("client namespace disconnect");
                }
            }
            case EVENT -> {
                Socket socket = sockets.get(packet.namespace());
                if (socket != null) {
                    socket.namespace().dispatch(socket, packet.data(), packet.ackId());
                }
            }
            case ACK -> {
                Socket socket = sockets.get(packet.namespace());
                if (socket != null) {
                    socket.onAck(packet.ackId(), List.copyOf(packet.data().values()));
                }
            }
            default -> throw new ProtocolException("unexpected packet " + packet.kind());
        }
    }

    private void connect(SocketPacket packet) {
        String name = packet.namespace();
        Namespace namespace = server.find(name);
        if (namespace == null) {
            send(codec.encode(PacketKind.CONNECT_ERROR, name, null,
                    codec.mapper().createObjectNode().put("message", "Invalid namespace")));
            return;
        }
        if (sockets.containsKey(name) || !connecting.add(name)) {
            return;
        }
        ObjectNode auth = packet.data() != null ? (ObjectNode) packet.data() : codec.mapper().createObjectNode();
        Socket socket = new Socket(Ids.random(), namespace, this, new Handshake(auth, session.request()));
        namespace.authorize(socket, error -> {
            connecting.remove(name);
            if (!session.isOpen()) {
                return;
            }
            if (error == null) {
                sockets.put(name, socket);
                namespace.add(socket);
                // The transport may have closed while the socket was being added, after onClose looked for it.
                if (!session.isOpen()) {
                    socket.onDisconnect("transport close");
                }
            } else {
                ObjectNode body = codec.mapper().createObjectNode().put("message", error.message());
                if (error.data() != null) {
                    body.set("data", codec.mapper().valueToTree(error.data()));
                }
                send(codec.encode(PacketKind.CONNECT_ERROR, name, null, body));
            }
        });
    }
}
