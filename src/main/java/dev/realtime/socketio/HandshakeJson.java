package dev.realtime.socketio;

import dev.realtime.engineio.HandshakeRequest;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * A handshake in the shape a Node Socket.IO server reports it, so its {@code fetchSockets()} reads ours. Credentials
 * stay on this node: the headers that carry them and {@code auth.token} are left out, since the answer travels
 * through Redis to every other process of the cluster.
 */
final class HandshakeJson {

    private static final Set<String> SECRET_HEADERS = Set.of("authorization", "cookie", "proxy-authorization");

    // JavaScript's Date#toString() in UTC, which is what Node puts in handshake.time.
    private static final DateTimeFormatter JS_DATE = DateTimeFormatter
            .ofPattern("EEE MMM dd yyyy HH:mm:ss 'GMT+0000 (Coordinated Universal Time)'", Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    private HandshakeJson() {
    }

    static ObjectNode of(Handshake handshake, String path, JsonMapper mapper) {
        HandshakeRequest request = handshake.request();
        ObjectNode json = mapper.createObjectNode();
        ObjectNode headers = json.putObject("headers");
        request.headers().forEach((name, value) -> {
            if (!SECRET_HEADERS.contains(name)) {
                headers.put(name, value);
            }
        });
        json.put("time", JS_DATE.format(handshake.issued()));
        json.put("address", request.remoteAddress() == null ? "" : request.remoteAddress());
        json.put("xdomain", request.header("origin") != null);
        json.put("secure", false);
        json.put("issued", handshake.issued().toEpochMilli());
        json.put("url", path + "?" + queryString(request.query()));
        ObjectNode query = json.putObject("query");
        request.query().forEach(query::put);
        ObjectNode auth = handshake.auth().deepCopy();
        auth.remove("token");
        json.set("auth", auth);
        return json;
    }

    private static String queryString(Map<String, String> query) {
        return query.entrySet().stream()
                .map(e -> encode(e.getKey()) + "=" + encode(e.getValue()))
                .collect(Collectors.joining("&"));
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
