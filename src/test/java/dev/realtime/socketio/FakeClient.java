package dev.realtime.socketio;

import dev.realtime.engineio.CloseStatus;
import dev.realtime.engineio.EnginePacket;
import dev.realtime.engineio.HandshakeRequest;
import dev.realtime.engineio.PacketType;
import dev.realtime.engineio.WebSocketConnection;
import dev.realtime.engineio.WebSocketInbound;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import tools.jackson.databind.json.JsonMapper;

/**
 * A Socket.IO client whose WebSocket exists only in memory: what it sends goes straight into the server's inbound
 * side, and every write of the server is recorded as the packet list it was given, so tests can check that a
 * broadcast shares one list and its bytes among recipients.
 */
public final class FakeClient implements WebSocketConnection {

    private static final HandshakeRequest REQUEST = new HandshakeRequest(Map.of(), Map.of(), null);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final List<List<EnginePacket>> writes = new CopyOnWriteArrayList<>();
    private volatile CloseStatus closeStatus;
    private volatile boolean failing;
    private WebSocketInbound inbound;
    private String socketId;

    private FakeClient() {
    }

    /** Opens an Engine.IO session on a fresh WebSocket; its first write is the open packet. */
    static FakeClient open(SocketIoServer server) {
        FakeClient client = new FakeClient();
        client.inbound = server.engine().accept(null, REQUEST, client);
        return client;
    }

    /** Opens a client and joins "/"; the frames of both are forgotten, so a test sees only what follows. */
    public static FakeClient connected(SocketIoServer server) {
        FakeClient client = open(server);
        client.socketId = client.connect("/");
        client.clearReceived();
        return client;
    }

    @Override
    public boolean send(List<EnginePacket> packets, long maxBufferedBytes) {
        if (failing) {
            throw new IllegalStateException("simulated write failure");
        }
        writes.add(packets);
        return true;
    }

    @Override
    public long bufferedBytes() {
        return 0;
    }

    @Override
    public void close(CloseStatus status) {
        if (closeStatus == null) {
            closeStatus = status;
        }
    }

    /** Sends one Socket.IO packet, wrapped in an Engine.IO message. */
    void sendPacket(String socketIoPacket) {
        inbound.onText("4" + socketIoPacket);
    }

    /** Sends one binary attachment. */
    void sendBinary(byte[] data) {
        inbound.onBinary(data);
    }

    /** The WebSocket goes away under the session, as when the network drops. */
    void dropTransport() {
        inbound.onClosed();
    }

    /** From now on every write of the server fails with an exception. */
    void failWrites() {
        failing = true;
    }

    /** Joins the namespace, with no middleware in the way, and returns the id of the new socket. */
    String connect(String namespace) {
        String prefix = namespace.equals("/") ? "0" : "0" + namespace + ",";
        sendPacket(prefix);
        String answer = messages().stream()
                .filter(text -> text.startsWith(prefix + "{"))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no CONNECT answer for " + namespace + " in " + messages()));
        return JSON.readTree(answer.substring(prefix.length())).get("sid").asString();
    }

    /** The id of the socket {@link #connected} joined "/" with. */
    public String socketId() {
        return socketId;
    }

    /** The Engine.IO session id announced by the open packet. */
    String engineSid() {
        EnginePacket open = writes.get(0).get(0);
        if (open.type() != PacketType.OPEN) {
            throw new AssertionError("first write is not the open packet: " + open);
        }
        return JSON.readTree(open.text()).get("sid").asString();
    }

    /** Every packet list the server wrote, in order. */
    List<List<EnginePacket>> writes() {
        return List.copyOf(writes);
    }

    /** The text of every Socket.IO packet received, in order; binary attachments and control packets left out. */
    public List<String> messages() {
        return packets().stream()
                .filter(packet -> packet.type() == PacketType.MESSAGE && !packet.isBinary())
                .map(EnginePacket::text)
                .toList();
    }

    /** The binary attachments received, in order. */
    List<byte[]> binaries() {
        return packets().stream().filter(EnginePacket::isBinary).map(EnginePacket::binary).toList();
    }

    /** Forgets what was received so far, so a test sees only what follows. */
    void clearReceived() {
        writes.clear();
    }

    boolean isClosed() {
        return closeStatus != null;
    }

    /** The status the WebSocket was first closed with, the one a real connection sends; null while open. */
    CloseStatus closeStatus() {
        return closeStatus;
    }

    private List<EnginePacket> packets() {
        return writes.stream().flatMap(List::stream).toList();
    }
}
