package dev.realtime.testing;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * A redis-server of a test's own on a free port, so the test can kill it under the nodes and start it again on the
 * same port. It keeps nothing on disk, as the Redis of this machine. Without redis-server on the PATH the test is
 * skipped, except on CI ({@code CI=true}), where that is a failure.
 */
public final class RedisServerProcess implements AutoCloseable {

    private final int port;
    private Process process;

    private RedisServerProcess(int port) {
        this.port = port;
    }

    /** Starts one on a free port and returns once it accepts connections. */
    public static RedisServerProcess start() {
        try (ServerSocket free = new ServerSocket(0)) {
            RedisServerProcess redis = new RedisServerProcess(free.getLocalPort());
            free.close();
            redis.restart();
            return redis;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public int port() {
        return port;
    }

    /** SIGKILL: Redis goes away without a word, as in a crash; returns once it is gone. */
    public void kill() {
        if (process != null && process.isAlive()) {
            try {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while killing redis-server", e);
            }
        }
    }

    /** Starts it (again) on the same port, empty, and returns once it accepts connections. */
    public void restart() {
        try {
            process = new ProcessBuilder("redis-server", "--port", Integer.toString(port), "--bind", "127.0.0.1",
                    "--save", "", "--appendonly", "no").redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        } catch (IOException e) {
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                throw new IllegalStateException("redis-server cannot be started; CI=true requires it", e);
            }
            Assumptions.abort("redis-server cannot be started (" + e.getMessage() + "); skipping this test");
        }
        await().atMost(Duration.ofSeconds(10)).ignoreExceptions().until(() -> {
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
                return true;
            }
        });
    }

    @Override
    public void close() {
        kill();
    }
}
