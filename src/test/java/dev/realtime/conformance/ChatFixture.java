package dev.realtime.conformance;

import dev.realtime.socketio.ConnectError;
import dev.realtime.socketio.Namespace;
import dev.realtime.socketio.SocketIoServer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * The Socket.IO half of the conformance fixture. What the official suite expects on "/" and "/custom" (emit
 * "auth" on connection, "message" -> "message-back", "message-with-ack" acked with its args), plus a few events
 * the client end-to-end tests use: rooms, broadcasts, server-side acks, middleware and server disconnect.
 */
final class ChatFixture {

    static final String SECRET = "let-me-in";

    private ChatFixture() {
    }

    static void install(SocketIoServer server) {
        conformance(server.of("/"));
        conformance(server.of("/custom"));
        server.of("/secure")
                .use((socket, next) -> {
                    if (SECRET.equals(socket.handshake().auth().path("token").asString(null))) {
                        next.proceed();
                    } else {
                        next.reject(new ConnectError("unauthorized", Map.of("reason", "bad token")));
                    }
                })
                .onConnection(socket -> socket.emit("welcome", socket.id()));
    }

    private static void conformance(Namespace namespace) {
        namespace
                .onConnection(socket -> socket.emit("auth", socket.handshake().auth()))
                .on("message", (socket, args, ack) -> socket.emit("message-back", args.toArray()))
                .on("message-with-ack", (socket, args, ack) -> ack.send(args.toArray()))
                .on("join", (socket, args, ack) -> {
                    socket.join(text(args, 0));
                    ack.send(socket.rooms().stream().sorted().toList());
                })
                .on("leave", (socket, args, ack) -> {
                    socket.leave(text(args, 0));
                    ack.send(socket.rooms().stream().sorted().toList());
                })
                .on("broadcast", (socket, args, ack) ->
                        namespace.to(text(args, 0)).emit("broadcast", rest(args)))
                .on("broadcast-others", (socket, args, ack) ->
                        socket.to(text(args, 0)).emit("broadcast", rest(args)))
                .on("request-ack", (socket, args, ack) ->
                        socket.emitWithAck(Duration.ofSeconds(2), "server-ack-request", rest(args))
                                .whenComplete((reply, error) -> ack.send(error == null
                                        ? Map.of("reply", reply)
                                        : Map.of("error", error.getClass().getSimpleName()))))
                .on("disconnect-me", (socket, args, ack) -> socket.disconnect());
    }

    private static String text(List<JsonNode> args, int index) {
        return args.size() > index ? args.get(index).asString("") : "";
    }

    private static Object[] rest(List<JsonNode> args) {
        return args.isEmpty() ? new Object[0] : args.subList(1, args.size()).toArray();
    }
}
