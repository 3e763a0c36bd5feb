package dev.realtime.socketio;

import tools.jackson.databind.JsonNode;

/**
 * One decoded Socket.IO packet.
 *
 * @param kind        the packet type; BINARY_* while attachments are still expected, EVENT/ACK once complete
 * @param namespace   the namespace, "/" when absent on the wire
 * @param ackId       the acknowledgement id, or null
 * @param data        the JSON payload, or null when there is none
 * @param attachments how many binary attachments follow (0 for plain packets)
 */
public record SocketPacket(PacketKind kind, String namespace, Long ackId, JsonNode data, int attachments) {
}
