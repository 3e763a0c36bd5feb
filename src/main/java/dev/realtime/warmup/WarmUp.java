package dev.realtime.warmup;

import dev.realtime.auth.Authenticator;
import dev.realtime.auth.TokenService;
import dev.realtime.messages.Message;
import dev.realtime.realtime.RealtimeService;
import dev.realtime.socketio.SocketIoServer;
import dev.realtime.system.Readiness;
import dev.realtime.system.SocketIoProperties;
import dev.realtime.system.TimeOrderedIds;
import dev.realtime.system.Times;
import java.net.URI;
import java.net.http.HttpClient;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.boot.web.server.context.WebServerInitializedEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.stereotype.Component;

/**
 * Drives traffic through the server over loopback for {@code realtime.warmup.duration} after the port opens, then
 * marks it ready. A JVM compiles its hot code only after running it many times; on a small machine the compiler
 * shares the cores with the traffic, so without this the first minute of users met a slow, busy server.
 *
 * <p>In rounds until the time is up: {@code connections} Socket.IO clients connect with a token of a random
 * subject (admitted without a user row while this runs), each keeps four {@code chat:join}s of a chat that does
 * not exist in flight (decode, gateway, a database read, an error ack), and the server broadcasts
 * {@code message:new} to all of them through {@link RealtimeService}, as it does for a stored message, at most
 * four per client outstanding; then they disconnect. Nothing is written to the database. Failing warm-up is
 * logged and the server becomes ready anyway.
 */
@Component
class WarmUp implements ApplicationListener<WebServerInitializedEvent>, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(WarmUp.class);
    private static final long ROUND_NANOS = TimeUnit.SECONDS.toNanos(2);
    private static final int IN_FLIGHT = 4;
    private static final String MANAGEMENT = "management";

    private final WarmUpProperties properties;
    private final Readiness readiness;
    private final Authenticator authenticator;
    private final TokenService tokens;
    private final SocketIoServer io;
    private final RealtimeService realtime;
    private final String path;
    private final CompletableFuture<Result> done = new CompletableFuture<>();
    private volatile boolean stopped;

    /** What a finished warm-up did. */
    record Result(long connections, long acks, long received, long millis) {
    }

    WarmUp(WarmUpProperties properties, Readiness readiness, Authenticator authenticator, TokenService tokens,
           SocketIoServer io, RealtimeService realtime, SocketIoProperties socketIo) {
        this.properties = properties;
        this.readiness = readiness;
        this.authenticator = authenticator;
        this.tokens = tokens;
        this.io = io;
        this.realtime = realtime;
        this.path = socketIo.path();
    }

    /**
     * The management server (management.server.port) is announced the same way, from its child context: it serves
     * no Socket.IO and is not the port to call ready.
     */
    @Override
    public void onApplicationEvent(WebServerInitializedEvent event) {
        if (WebServerApplicationContext.hasServerNamespace(event.getApplicationContext(), MANAGEMENT)) {
            return;
        }
        int port = event.getWebServer().getPort();
        if (properties.duration().isZero()) {
            done.complete(new Result(0, 0, 0, 0));
            readiness.ready(port);
            return;
        }
        Thread thread = new Thread(() -> {
            try {
                done.complete(run(port));
            } catch (Exception | LinkageError e) {
                log.warn("warm-up failed, serving cold: {}", e.toString());
                done.completeExceptionally(e);
            } finally {
                readiness.ready(port);
            }
        }, "warm-up");
        thread.setDaemon(true);
        thread.start();
    }

    /** Ends a warm-up still running when the application closes. */
    @Override
    public void close() {
        stopped = true;
    }

    /** Completes when the warm-up has ended (at once when it is off), before the server is marked ready. */
    CompletableFuture<Result> done() {
        return done;
    }

    private Result run(int port) throws Exception {
        String subject = "warm-up-" + UUID.randomUUID();
        String token = tokens.issue(subject);
        URI uri = URI.create("ws://127.0.0.1:" + port + path + "?EIO=4&transport=websocket");
        long start = System.nanoTime();
        Totals totals = new Totals();
        authenticator.admit(subject);
        HttpClient client = HttpClient.newHttpClient();
        // Counted from here: on a busy machine (the management server starting beside it) making the client can
        // take as long as a short warm-up, which would then run no round at all.
        long deadline = System.nanoTime() + properties.duration().toNanos();
        try {
            long round = Math.min(ROUND_NANOS, properties.duration().toNanos());
            while (!stopped && System.nanoTime() < deadline) {
                round(client, uri, token, subject, round, totals);
            }
        } finally {
            authenticator.dismiss(subject);
        }
        Result result = new Result(totals.connections, totals.acks, totals.received,
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));
        log.info("warm-up done in {} ms: {} connections, {} acks, {} events received", result.millis(),
                result.connections(), result.acks(), result.received());
        return result;
    }

    /** One round: connect, then {@code nanos} of traffic (however long connecting took), then disconnect. */
    private void round(HttpClient client, URI uri, String token, String subject, long nanos, Totals totals)
            throws Exception {
        List<WarmUpSocket> sockets = new ArrayList<>();
        try {
            for (int i = 0; i < properties.connections() && !stopped; i++) {
                sockets.add(WarmUpSocket.connect(client, uri, token));
            }
            String chatId = "warm-up-" + UUID.randomUUID();
            io.sockets().to(RealtimeService.userRoom(subject)).socketsJoin(RealtimeService.chatRoom(chatId));
            String join = "{\"chatId\":\"" + chatId + "\"}";
            long broadcasts = 0;
            long end = System.nanoTime() + nanos;
            while (!stopped && System.nanoTime() < end) {
                boolean busy = true;
                for (WarmUpSocket socket : sockets) {
                    if (socket.inFlight() < IN_FLIGHT) {
                        socket.emitWithAck("chat:join", join);
                        busy = false;
                    }
                }
                long received = sockets.stream().mapToLong(WarmUpSocket::received).sum();
                if (broadcasts * sockets.size() - received < (long) IN_FLIGHT * sockets.size()) {
                    realtime.emitMessageNew(new Message(TimeOrderedIds.next(), chatId, subject, "warm-up " + broadcasts,
                            broadcasts + 1, null, Times.now(), null, null));
                    broadcasts++;
                    busy = false;
                }
                if (busy) {
                    LockSupport.parkNanos(100_000);
                }
            }
        } finally {
            for (WarmUpSocket socket : sockets) {
                totals.add(socket);
                socket.close();
            }
        }
    }

    private static final class Totals {
        long connections;
        long acks;
        long received;

        void add(WarmUpSocket socket) {
            connections++;
            acks += socket.acks();
            received += socket.received();
        }
    }
}
