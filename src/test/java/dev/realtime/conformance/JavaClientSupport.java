package dev.realtime.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import dev.realtime.testing.OfficialClientJson;
import io.socket.client.IO;
import io.socket.client.Manager;
import io.socket.client.Socket;
import io.socket.engineio.client.Transport;
import java.lang.reflect.Field;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.json.JSONObject;

/**
 * Drives the official Java client ({@code io.socket:socket.io-client}) against a {@link ConformanceFixture}: one
 * {@link Client} per socket, each on its own connection ({@code forceNew}), never reconnecting, all closed together.
 */
final class JavaClientSupport implements AutoCloseable {

    static final Duration TIMEOUT = Duration.ofSeconds(10);

    /** How the client reaches the server. */
    enum Mode {
        WEBSOCKET(false, "websocket"),
        POLLING(false, "polling"),
        POLLING_WITH_UPGRADE(true, "polling", "websocket");

        private final boolean upgrade;
        private final String[] transports;

        Mode(boolean upgrade, String... transports) {
            this.upgrade = upgrade;
            this.transports = transports;
        }

        /** The transport the client should end up using once connected. */
        String finalTransport() {
            return transports[transports.length - 1];
        }
    }

    private final URI server;
    private final List<Client> clients = new CopyOnWriteArrayList<>();

    JavaClientSupport(int port) {
        this.server = URI.create("http://127.0.0.1:" + port);
    }

    /** A client that has not connected yet, so listeners can be added first. */
    Client client(Mode mode, String namespace, Map<String, String> auth) {
        IO.Options options = new IO.Options();
        options.transports = mode.transports.clone();
        options.upgrade = mode.upgrade;
        options.forceNew = true;
        options.callFactory = OfficialClientJson.HTTP;
        options.webSocketFactory = OfficialClientJson.HTTP;
        options.reconnection = false;
        options.timeout = TIMEOUT.toMillis();
        options.auth = new HashMap<>(auth);
        Client client = new Client(mode, IO.socket(server.resolve(namespace), options));
        clients.add(client);
        return client;
    }

    /** A client that is connected and, in {@link Mode#POLLING_WITH_UPGRADE}, upgraded to WebSocket. */
    Client connected(Mode mode, String namespace, Map<String, String> auth) {
        return client(mode, namespace, auth).connect().awaitConnected();
    }

    @Override
    public void close() {
        clients.forEach(client -> client.socket().close());
    }

    static <T> T result(CompletableFuture<T> future) {
        return OfficialClientJson.result(future, TIMEOUT);
    }

    static JSONObject object(Object... keysAndValues) {
        return OfficialClientJson.object(keysAndValues);
    }

    static Object plain(Object value) {
        return OfficialClientJson.plain(value);
    }

    static List<Object> plain(Object[] values) {
        List<Object> list = new ArrayList<>(values.length);
        Arrays.stream(values).forEach(value -> list.add(plain(value)));
        return list;
    }

    /** One socket and everything it saw: the events it received and how its connection went. */
    static final class Client {

        private final Mode mode;
        private final Socket socket;
        private final List<List<Object>> incoming = new CopyOnWriteArrayList<>();
        private final CompletableFuture<String> firstTransport = new CompletableFuture<>();
        private final CompletableFuture<String> upgradedTransport = new CompletableFuture<>();
        private final CompletableFuture<Void> connected = new CompletableFuture<>();
        private final CompletableFuture<Object> connectError = new CompletableFuture<>();
        private final CompletableFuture<String> disconnected = new CompletableFuture<>();

        private Client(Mode mode, Socket socket) {
            this.mode = mode;
            this.socket = socket;
            socket.onAnyIncoming(args -> incoming.add(plain(args)));
            socket.on(Socket.EVENT_CONNECT, args -> connected.complete(null));
            socket.on(Socket.EVENT_CONNECT_ERROR, args -> {
                Object error = args.length > 0 ? plain(args[0]) : null;
                connectError.complete(error);
                connected.completeExceptionally(error instanceof Throwable cause
                        ? new IllegalStateException("connect_error", cause)
                        : new IllegalStateException("connect_error " + error));
            });
            socket.on(Socket.EVENT_DISCONNECT, args -> disconnected.complete(String.valueOf(args[0])));
            socket.io().once(Manager.EVENT_TRANSPORT, args -> {
                firstTransport.complete(((Transport) args[0]).name);
                engine(socket.io()).once(io.socket.engineio.client.Socket.EVENT_UPGRADE,
                        upgrade -> upgradedTransport.complete(((Transport) upgrade[0]).name));
            });
        }

        Socket socket() {
            return socket;
        }

        String id() {
            return socket.id();
        }

        Client connect() {
            socket.connect();
            return this;
        }

        /**
         * Waits for the namespace connection and checks the transport: the only one allowed, or for
         * {@link Mode#POLLING_WITH_UPGRADE} polling first and then a completed upgrade to WebSocket.
         */
        Client awaitConnected() {
            result(connected);
            assertThat(result(firstTransport)).isEqualTo(mode.transports[0]);
            if (mode.upgrade) {
                assertThat(result(upgradedTransport)).isEqualTo(mode.finalTransport());
            }
            return this;
        }

        CompletableFuture<Object> connectError() {
            return connectError;
        }

        CompletableFuture<String> disconnected() {
            return disconnected;
        }

        void emit(String event, Object... args) {
            socket.emit(event, args);
        }

        /** Emits with an ack callback and waits for the server's answer. */
        List<Object> emitWithAck(String event, Object... args) {
            CompletableFuture<Object[]> answer = new CompletableFuture<>();
            disconnected.thenAccept(reason -> answer.completeExceptionally(
                    new IllegalStateException("disconnected (" + reason + ") before the ack")));
            socket.emit(event, args, answer::complete);
            return plain(result(answer));
        }

        /** The arguments of each received event of this name, in arrival order. */
        List<List<Object>> received(String event) {
            return incoming.stream()
                    .filter(args -> event.equals(args.get(0)))
                    .map(args -> args.subList(1, args.size()))
                    .toList();
        }

        /**
         * The client's Engine.IO socket, which alone reports an upgrade; its Manager keeps it in a package-private
         * field with no accessor.
         */
        private static io.socket.engineio.client.Socket engine(Manager manager) {
            try {
                Field field = Manager.class.getDeclaredField("engine");
                field.setAccessible(true);
                return (io.socket.engineio.client.Socket) field.get(manager);
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("cannot reach the Engine.IO socket of the Java client", e);
            }
        }
    }
}
