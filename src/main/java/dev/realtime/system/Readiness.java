package dev.realtime.system;

import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Whether the server should be sent traffic yet. The port opens first; the server is ready once its warm-up ran
 * (see the warm-up package), so a load balancer that checks {@code /api/health} sends users to a warm JVM. The
 * ready line is logged then, the first thing a new user looks for.
 */
@Component
public class Readiness {

    private static final Logger log = LoggerFactory.getLogger(Readiness.class);

    private final AtomicBoolean ready = new AtomicBoolean();
    private volatile boolean draining;
    private final SocketIoProperties socketIo;

    Readiness(SocketIoProperties socketIo) {
        this.socketIo = socketIo;
    }

    public boolean isReady() {
        return ready.get() && !draining;
    }

    /** The server is shutting down: not ready again, so a load balancer stops sending it users. */
    public void drain() {
        draining = true;
    }

    /** Undoes {@link #drain}: a server stopped and started again (without a close) is ready again. */
    public void resume() {
        draining = false;
    }

    public boolean isDraining() {
        return draining;
    }

    /** Marks the server ready, once; logs where it answers. */
    public void ready(int port) {
        if (ready.compareAndSet(false, true)) {
            log.info(line(port));
        }
    }

    String line(int port) {
        String base = "http://localhost:" + port;
        return "realtime-server ready: REST " + base + "/api, Socket.IO " + base + socketIo.path();
    }
}
