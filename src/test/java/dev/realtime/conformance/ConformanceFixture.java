package dev.realtime.conformance;

import dev.realtime.engineio.EngineOptions;
import dev.realtime.engineio.EngineServer;
import dev.realtime.engineio.netty.EngineHttpHandler;
import dev.realtime.socketio.SocketIoOptions;
import dev.realtime.socketio.SocketIoServer;
import java.time.Duration;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;
import tools.jackson.databind.json.JsonMapper;

/**
 * The server the official Engine.IO and Socket.IO conformance suites expect on port 3000.
 * Run with {@code mvn -q test-compile exec:java} (see README.md).
 */
public final class ConformanceFixture implements AutoCloseable {

    private final EngineServer engine;
    private final SocketIoServer socketIo;
    private final DisposableServer http;

    /** With the heartbeat the official suites expect: a ping every 300 ms, 200 ms for its pong. */
    public ConformanceFixture(int port) {
        this(port, Duration.ofMillis(300), Duration.ofMillis(200));
    }

    /** With another heartbeat: a 200 ms pong deadline is missed on a loaded machine by clients that are fine. */
    public ConformanceFixture(int port, Duration pingInterval, Duration pingTimeout) {
        EngineOptions options = EngineOptions.defaults().withHeartbeat(pingInterval, pingTimeout);
        engine = EngineEchoServer.create(options);
        EngineHttpHandler engineHandler = new EngineHttpHandler(engine);
        socketIo = SocketIoServer.inMemory(new SocketIoOptions(options, Duration.ofMillis(1000), 10),
                JsonMapper.builder().build());
        ChatFixture.install(socketIo);
        EngineHttpHandler socketIoHandler = new EngineHttpHandler(socketIo.engine());
        http = HttpServer.create()
                .host("127.0.0.1")
                .port(port)
                .route(routes -> routes
                        .route(EngineHttpHandler.path("/engine.io/"), engineHandler)
                        .route(EngineHttpHandler.path("/socket.io/"), socketIoHandler))
                .bindNow();
    }

    public int port() {
        return http.port();
    }

    @Override
    public void close() {
        http.disposeNow();
        engine.close();
        socketIo.close();
    }

    /** Arguments: the port (3000), then optionally the ping interval and pong timeout in milliseconds. */
    public static void main(String[] args) {
        int port = args.length > 0 ? Integer.parseInt(args[0]) : 3000;
        ConformanceFixture fixture = args.length > 2
                ? new ConformanceFixture(port, Duration.ofMillis(Long.parseLong(args[1])),
                        Duration.ofMillis(Long.parseLong(args[2])))
                : new ConformanceFixture(port);
        System.out.println("conformance fixture listening on http://localhost:" + fixture.port());
        fixture.http.onDispose().block();
    }
}
