package dev.realtime.system;

import dev.realtime.engineio.EngineOptions;
import dev.realtime.engineio.OriginPolicy;
import dev.realtime.engineio.netty.EngineHttpHandler;
import dev.realtime.socketio.ServerMetrics;
import dev.realtime.socketio.SocketIoOptions;
import dev.realtime.socketio.SocketIoServer;
import java.net.InetAddress;
import java.util.Set;
import java.util.function.Predicate;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.reactor.netty.NettyRouteProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.databind.json.JsonMapper;

/**
 * Serves Socket.IO on the application's own port. The endpoint is a Reactor Netty route placed before WebFlux,
 * so Socket.IO traffic never goes through the WebFlux filter chain and the REST API keeps everything else.
 */
@Configuration(proxyBeanMethods = false)
class SocketIoConfiguration {

    /**
     * @param admitHandshake the handshake limit per client address (auth's), a plain predicate so the engine knows
     *                       nothing of what it counts
     */
    @Bean(destroyMethod = "close")
    SocketIoServer socketIoServer(SocketIoProperties properties, CorsProperties cors, JsonMapper jsonMapper,
                                  RoomAdapters roomAdapters, Predicate<InetAddress> admitHandshake,
                                  ObjectProvider<ServerMetrics> metrics) {
        EngineOptions engine = new EngineOptions(
                properties.pingInterval(),
                properties.pingTimeout(),
                Math.toIntExact(properties.maxPayload().toBytes()),
                properties.upgradeTimeout(),
                properties.maxBuffered().toBytes(),
                true,
                OriginPolicy.allowing(Set.copyOf(cors.allowedOrigins())),
                admitHandshake);
        return new SocketIoServer(new SocketIoOptions(engine, properties.connectTimeout(),
                properties.maxAttachments(), properties.maxAttachmentSize().toBytes(),
                properties.attachmentBudget().toBytes()), jsonMapper, roomAdapters.factory(),
                metrics.getIfAvailable(() -> ServerMetrics.NONE));
    }

    @Bean
    NettyRouteProvider socketIoRoute(SocketIoServer server, SocketIoProperties properties) {
        EngineHttpHandler handler = new EngineHttpHandler(server.engine());
        return routes -> routes.route(EngineHttpHandler.path(properties.path()), handler);
    }
}
