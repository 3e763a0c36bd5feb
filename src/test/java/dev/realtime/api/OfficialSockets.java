package dev.realtime.api;

import dev.realtime.testing.OfficialClientJson;
import dev.realtime.testing.RecordingSocket;
import io.socket.client.IO;
import java.net.URI;
import java.time.Duration;
import java.util.Map;

/** The official Java client as these tests use it: over WebSocket, with the user's token. */
final class OfficialSockets {

    private static final Duration TIMEOUT = Duration.ofSeconds(20);

    private OfficialSockets() {
    }

    /** A new connection's options; {@code reconnection} as the client's own default (true) or off. */
    static IO.Options options(TestUser user, boolean reconnection) {
        IO.Options options = new IO.Options();
        options.transports = new String[] {"websocket"};
        options.forceNew = true;
        options.reconnection = reconnection;
        options.callFactory = OfficialClientJson.HTTP;
        options.webSocketFactory = OfficialClientJson.HTTP;
        options.auth = Map.of("token", user.token());
        return options;
    }

    /** A socket of the user on the server at that port, connected, that does not reconnect. */
    static RecordingSocket connected(int port, TestUser user) {
        return new RecordingSocket(IO.socket(URI.create("http://127.0.0.1:" + port), options(user, false)), TIMEOUT)
                .connect().awaitConnected();
    }
}
