package dev.realtime.cluster;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.UUID;
import org.junit.jupiter.api.Assumptions;

/**
 * The Redis server of this machine (127.0.0.1:6379). When it is not reachable the tests that need it are skipped,
 * except on CI ({@code CI=true}), where that is a failure. Each test takes a prefix of its own, so tests sharing
 * the server never hear each other.
 */
public final class LocalRedis {

    public static final String HOST = "127.0.0.1";
    public static final int PORT = 6379;

    private LocalRedis() {
    }

    /** Skips or fails the calling test when Redis is not reachable. */
    public static void require() {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(HOST, PORT), 2000);
        } catch (IOException e) {
            String message = "Redis at " + HOST + ":" + PORT + " is not reachable (" + e.getMessage() + ")";
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                throw new IllegalStateException(message + "; CI=true requires it, so this is a failure", e);
            }
            Assumptions.abort(message + "; skipping the Redis tests");
        }
    }

    public static String uniquePrefix() {
        return "test-" + UUID.randomUUID().toString().substring(0, 8);
    }
}
