package dev.realtime.system;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.web.server.context.WebServerInitializedEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.stereotype.Component;

/** One line once the port is open: where the REST API and Socket.IO answer, the first thing a new user looks for. */
@Component
class StartupAnnouncement implements ApplicationListener<WebServerInitializedEvent> {

    private static final Logger log = LoggerFactory.getLogger(StartupAnnouncement.class);

    private final SocketIoProperties socketIo;

    StartupAnnouncement(SocketIoProperties socketIo) {
        this.socketIo = socketIo;
    }

    @Override
    public void onApplicationEvent(WebServerInitializedEvent event) {
        log.info(line(event.getWebServer().getPort()));
    }

    String line(int port) {
        String base = "http://localhost:" + port;
        return "realtime-server ready: REST " + base + "/api, Socket.IO " + base + socketIo.path();
    }
}
