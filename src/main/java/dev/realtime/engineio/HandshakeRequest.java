package dev.realtime.engineio;

import java.util.Map;

/**
 * What the server saw of the HTTP request that opened a session, for the application's handshake checks.
 *
 * @param query         the query parameters (first value of each)
 * @param headers       the headers, names lower-cased (first value of each)
 * @param remoteAddress the peer's address, or null when unknown
 */
public record HandshakeRequest(Map<String, String> query, Map<String, String> headers, String remoteAddress) {

    public HandshakeRequest {
        query = Map.copyOf(query);
        headers = Map.copyOf(headers);
    }

    public String header(String lowerCaseName) {
        return headers.get(lowerCaseName);
    }
}
