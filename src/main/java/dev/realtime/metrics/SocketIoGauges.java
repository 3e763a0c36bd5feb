package dev.realtime.metrics;

import dev.realtime.engineio.EngineServer;
import dev.realtime.socketio.SocketIoServer;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.springframework.stereotype.Component;

/** What this node holds now, read from the server at each scrape: connections by transport, sockets, rooms. */
@Component
class SocketIoGauges implements MeterBinder {

    private final SocketIoServer server;

    SocketIoGauges(SocketIoServer server) {
        this.server = server;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        EngineServer engine = server.engine();
        for (String transport : new String[] {"polling", "websocket"}) {
            Gauge.builder("realtime.connections", engine, counted -> counted.sessionCountOn(transport))
                    .description("Engine.IO connections open on this node (one upgrading counts as polling)")
                    .tag("transport", transport).register(registry);
        }
        Gauge.builder("realtime.sockets", server, SocketIoServer::socketCount)
                .description("Sockets connected to this node, all namespaces").register(registry);
        Gauge.builder("realtime.rooms", server, SocketIoServer::roomCount)
                .description("Rooms with a member on this node, not counting each socket's own room")
                .register(registry);
    }
}
