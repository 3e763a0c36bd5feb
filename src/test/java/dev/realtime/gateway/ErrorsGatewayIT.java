package dev.realtime.gateway;

import static dev.realtime.gateway.GatewaySupport.failure;
import static dev.realtime.gateway.GatewaySupport.object;
import static dev.realtime.gateway.GatewaySupport.received;
import static org.assertj.core.api.Assertions.assertThat;

import dev.realtime.gateway.GatewaySupport.Client;
import dev.realtime.gateway.GatewaySupport.Transport;
import dev.realtime.gateway.GatewaySupport.User;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** How a failing event is answered: in its ack, or as an exception event when it has none. */
class ErrorsGatewayIT extends GatewayContext {

    @Test
    void eventWithoutAck_fails_exceptionEventWithCodeAndEventName() {
        User alice = api.register("alice");
        User bob = api.register("bob");
        String bobsChat = api.group(bob);
        Client aliceSocket = api.connected(Transport.WEBSOCKET, alice);

        aliceSocket.emit("message:send", object("chatId", bobsChat, "text", "let me in"));
        aliceSocket.emit("chat:join", object());

        assertThat(received(aliceSocket, "exception", 2)).containsExactly(
                Map.of("status", "error", "code", "FORBIDDEN", "message", "not a member of this chat",
                        "event", "message:send"),
                Map.of("status", "error", "code", "VALIDATION_FAILED", "message", "chatId: is required",
                        "event", "chat:join"));
    }

    @Test
    void unknownEvent_withAck_notFoundNamingTheEvent() {
        User alice = api.register("alice");
        Client aliceSocket = api.connected(Transport.WEBSOCKET, alice);

        Map<String, Object> answer = aliceSocket.ack("message:sned", object("chatId", "c", "text", "typo"));

        assertThat(answer).isEqualTo(failure("NOT_FOUND", "unknown event 'message:sned'"));
        assertThat(aliceSocket.isConnected()).isTrue();
    }

    static Stream<Arguments> malformedPayloads() {
        return Stream.of(
                Arguments.of("chat:join", new Object[] {"not an object"}, "payload: must be an object"),
                Arguments.of("chat:join", new Object[0], "payload: must be an object"),
                Arguments.of("chat:join", new Object[] {object()}, "chatId: is required"),
                Arguments.of("chat:join", new Object[] {object("chatId", 42)}, "chatId: must be a string"),
                Arguments.of("chat:join", new Object[] {object("chatId", "c", "lastSeq", "7")},
                        "lastSeq: must be an integer"),
                Arguments.of("chat:leave", new Object[] {object("chatId", "")}, "chatId: is required"),
                Arguments.of("message:send", new Object[] {object("text", "hi")}, "chatId: is required"),
                Arguments.of("message:send", new Object[] {object("chatId", "c", "text", " ")},
                        "text: must not be empty"),
                Arguments.of("message:typing", new Object[] {object("chatId", "c", "isTyping", "yes")},
                        "isTyping: must be true or false"),
                Arguments.of("message:read", new Object[] {object("chatId", "c")}, "seq: is required"),
                Arguments.of("message:delivered", new Object[] {object("chatId", "c", "seq", 1.5)},
                        "seq: must be an integer"),
                Arguments.of("presence:update", new Object[] {object("status", "busy")},
                        "status: must be \"online\" or \"away\""));
    }

    @ParameterizedTest(name = "{0} {2}")
    @MethodSource("malformedPayloads")
    void event_malformedPayload_validationFailed(String event, Object[] args, String problem) {
        User alice = api.register("alice");
        Client aliceSocket = api.connected(Transport.WEBSOCKET, alice);

        Map<String, Object> answer = aliceSocket.ack(event, args);

        assertThat(answer).isEqualTo(failure("VALIDATION_FAILED", problem));
    }
}
