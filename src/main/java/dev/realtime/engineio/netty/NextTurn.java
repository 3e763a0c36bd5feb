package dev.realtime.engineio.netty;

import io.netty.channel.EventLoop;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import reactor.netty.NettyInbound;

/**
 * Answers an HTTP request in a task of its own on the connection's event loop, never within the call that handed
 * the request over. Reactor Netty (1.3.6) holds a keep-alive request that arrives before the previous one on its
 * connection has ended; when the held request is then answered within its own dispatch, nothing asks the connection
 * for more, and the next request on it is never read (reactor-netty#4347 and #4361, fixed in versions this build
 * cannot use yet). A polling client meets that often: its parked poll is answered from another thread, it sends the
 * next poll at once on the same connection, and that one finds packets waiting. One task per request is the cost;
 * drop this once Reactor Netty has the fix ({@code KeepAliveIT} and {@code KeepAliveContract} say whether it does).
 */
public final class NextTurn {

    private NextTurn() {
    }

    /** The answer, subscribed to on the request's event loop once the current task is done. */
    public static Mono<Void> answer(NettyInbound request, Supplier<? extends Publisher<Void>> answer) {
        Mono<Void> deferred = Mono.defer(() -> Mono.from(answer.get()));
        AtomicReference<EventLoop> loop = new AtomicReference<>();
        request.withConnection(connection -> loop.set(connection.channel().eventLoop()));
        return loop.get() == null ? deferred : deferred.subscribeOn(Schedulers.fromExecutor(loop.get()));
    }
}
