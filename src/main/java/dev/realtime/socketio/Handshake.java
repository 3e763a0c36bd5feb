package dev.realtime.socketio;

import dev.realtime.engineio.HandshakeRequest;
import java.time.Instant;
import tools.jackson.databind.node.ObjectNode;

/**
 * What a socket presented when it connected.
 *
 * @param auth    the CONNECT packet's payload (the client's {@code auth} option), empty when none was sent
 * @param request the HTTP request that opened the underlying connection (headers, query, remote address)
 * @param issued  when the socket connected
 */
public record Handshake(ObjectNode auth, HandshakeRequest request, Instant issued) {

    public Handshake(ObjectNode auth, HandshakeRequest request) {
        this(auth, request, Instant.now());
    }
}
