package dev.realtime.socketio;

import dev.realtime.engineio.HandshakeRequest;
import tools.jackson.databind.node.ObjectNode;

/**
 * What a socket presented when it connected.
 *
 * @param auth    the CONNECT packet's payload (the client's {@code auth} option), empty when none was sent
 * @param request the HTTP request that opened the underlying connection (headers, query, remote address)
 */
public record Handshake(ObjectNode auth, HandshakeRequest request) {
}
