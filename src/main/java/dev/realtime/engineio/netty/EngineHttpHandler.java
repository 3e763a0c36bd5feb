package dev.realtime.engineio.netty;

import dev.realtime.engineio.CloseStatus;
import dev.realtime.engineio.EngineError;
import dev.realtime.engineio.EngineServer;
import dev.realtime.engineio.HandshakeRequest;
import dev.realtime.engineio.PollRefusedException;
import dev.realtime.engineio.PollResult;
import dev.realtime.engineio.WebSocketInbound;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.BiFunction;
import java.util.function.Predicate;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Mono;
import reactor.netty.Connection;
import reactor.netty.http.server.HttpServerRequest;
import reactor.netty.http.server.HttpServerResponse;
import reactor.netty.http.server.WebsocketServerSpec;
import reactor.netty.http.websocket.WebsocketInbound;
import reactor.netty.http.websocket.WebsocketOutbound;

/**
 * Serves an {@link EngineServer} over Reactor Netty: long-polling GET/POST and the WebSocket upgrade on one path.
 * Thin by design: every protocol decision is the engine's; this class moves bytes and maps refusals to HTTP.
 */
public final class EngineHttpHandler implements BiFunction<HttpServerRequest, HttpServerResponse, Publisher<Void>> {

    private static final String TEXT = "text/plain; charset=UTF-8";
    private static final int MAX_REQUESTED_HEADERS_LENGTH = 1024;
    private static final CloseStatus INVALID_UTF8 = CloseStatus.invalidPayload("invalid UTF-8");

    private final EngineServer server;
    private final WebsocketServerSpec websocketSpec;

    public EngineHttpHandler(EngineServer server) {
        this.server = server;
        this.websocketSpec = WebsocketServerSpec.builder()
                .maxFramePayloadLength(server.options().maxPayload())
                .handlePing(false)
                .build();
    }

    /** Matches requests for the given path ("/socket.io/"), with or without its trailing slash. */
    public static Predicate<HttpServerRequest> path(String path) {
        String bare = path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
        return request -> {
            String uri = request.uri();
            int end = uri.indexOf('?');
            String requestPath = end < 0 ? uri : uri.substring(0, end);
            return requestPath.equals(bare) || requestPath.equals(bare + "/");
        };
    }

    @Override
    public Publisher<Void> apply(HttpServerRequest request, HttpServerResponse response) {
        // A WebSocket upgrade is the last request its connection carries as HTTP: nothing can be held behind it.
        if (request.requestHeaders().containsValue(HttpHeaderNames.UPGRADE, "websocket", true)) {
            return handle(request, response);
        }
        return NextTurn.answer(request, () -> handle(request, response));
    }

    private Publisher<Void> handle(HttpServerRequest request, HttpServerResponse response) {
        HttpHeaders headers = request.requestHeaders();
        String origin = headers.get(HttpHeaderNames.ORIGIN);
        String host = headers.get(HttpHeaderNames.HOST);
        boolean secure = "https".equals(request.scheme()) || "wss".equals(request.scheme());
        Map<String, String> query = query(request.uri());
        if (request.method().equals(HttpMethod.OPTIONS)) {
            return preflight(request, response, origin, host, secure);
        }
        EngineError refusal = server.check(request.method().name(), query, origin, host, secure);
        if (refusal != null) {
            return refuse(response, refusal);
        }
        allowOrigin(response, origin);
        String sid = query.get("sid");
        if (sid == null && !server.admitsHandshake(address(request))) {
            response.header(HttpHeaderNames.RETRY_AFTER, "1");
            return refuse(response, EngineError.TOO_MANY_REQUESTS);
        }
        if ("websocket".equals(query.get("transport"))) {
            if (!headers.containsValue(HttpHeaderNames.UPGRADE, "websocket", true)) {
                return refuse(response, EngineError.BAD_REQUEST);
            }
            HandshakeRequest handshake = handshake(request, query);
            return response.sendWebsocket((in, out) -> websocket(in, out, sid, handshake), websocketSpec);
        }
        if (sid == null) {
            CompletableFuture<String> body = new CompletableFuture<>();
            return answer(response, server.handshake(handshake(request, query), body), null);
        }
        if (request.method().equals(HttpMethod.GET)) {
            CompletableFuture<String> body = new CompletableFuture<>();
            return answer(response, server.poll(sid, body), () -> server.pollAborted(sid, body));
        }
        return post(request, response, sid);
    }

    private Publisher<Void> post(HttpServerRequest request, HttpServerResponse response, String sid) {
        int limit = server.options().maxPayload();
        if (request.requestHeaders().getInt(HttpHeaderNames.CONTENT_LENGTH, 0) > limit) {
            server.payloadTooLarge(sid);
            return refuse(response, EngineError.PAYLOAD_TOO_LARGE);
        }
        return request.receive()
                .reduceWith(() -> new BoundedBody(limit), BoundedBody::append)
                .defaultIfEmpty(new BoundedBody(limit))
                .flatMap(body -> Mono.from(answer(response, server.post(sid, body.text()), null)))
                .onErrorResume(BoundedBody.TooLarge.class, e -> {
                    server.payloadTooLarge(sid);
                    return Mono.from(refuse(response, EngineError.PAYLOAD_TOO_LARGE));
                });
    }

    private Publisher<Void> answer(HttpServerResponse response, PollResult result, Runnable onAbort) {
        if (result instanceof PollResult.Refused refused) {
            return refuse(response, refused.error());
        }
        CompletableFuture<String> payload = ((PollResult.Body) result).payload();
        Mono<String> body = Mono.fromFuture(payload, true);
        if (onAbort != null) {
            body = body.doOnCancel(onAbort);
        }
        return body.flatMap(text -> send(response, HttpResponseStatus.OK, TEXT, text))
                .onErrorResume(PollRefusedException.class, e -> Mono.from(refuse(response, e.error())));
    }

    private Mono<Void> websocket(WebsocketInbound in, WebsocketOutbound out, String sid, HandshakeRequest handshake) {
        Connection[] connection = new Connection[1];
        in.withConnection(c -> connection[0] = c);
        int maxPayload = server.options().maxPayload();
        WebSocketInbound inbound = server.accept(sid, handshake, new NettyWebSocketConnection(connection[0].channel()));
        return in.aggregateFrames(maxPayload)
                .receiveFrames()
                .doOnNext(frame -> {
                    if (frame instanceof TextWebSocketFrame text) {
                        onText(text.content(), inbound);
                    } else if (frame instanceof BinaryWebSocketFrame binary) {
                        inbound.onBinary(ByteBufUtil.getBytes(binary.content()));
                    }
                })
                // A message over the limit across fragments: the aggregator tells no one, so the session closes with
                // 1009. Ending the handler now would make Reactor Netty close with 1000 first: wait for our close.
                .onErrorResume(TooLongFrameException.class, e -> {
                    inbound.onInvalid(CloseStatus.tooBig("message over " + maxPayload + " bytes"));
                    return connection[0].onDispose().then(Mono.empty());
                })
                // Netty's decoder has already closed with the status of what it refused (1009 for one big frame).
                .onErrorResume(error -> Mono.empty())
                .doFinally(signal -> inbound.onClosed())
                .then();
    }

    /** RFC 6455 makes text UTF-8; decoding anything else would hand the application U+FFFD in place of the data. */
    private static void onText(ByteBuf content, WebSocketInbound inbound) {
        if (ByteBufUtil.isText(content, StandardCharsets.UTF_8)) {
            inbound.onText(content.toString(StandardCharsets.UTF_8));
        } else {
            inbound.onInvalid(INVALID_UTF8);
        }
    }

    private Publisher<Void> preflight(HttpServerRequest request, HttpServerResponse response, String origin,
                                      String host, boolean secure) {
        if (!server.options().origins().allows(origin, host, secure)) {
            return refuse(response, EngineError.FORBIDDEN);
        }
        allowOrigin(response, origin);
        String requested = request.requestHeaders().get(HttpHeaderNames.ACCESS_CONTROL_REQUEST_HEADERS);
        if (requested != null && requested.length() <= MAX_REQUESTED_HEADERS_LENGTH) {
            response.header(HttpHeaderNames.ACCESS_CONTROL_ALLOW_HEADERS, requested);
        }
        return response.status(HttpResponseStatus.NO_CONTENT)
                .header(HttpHeaderNames.ACCESS_CONTROL_ALLOW_METHODS, "GET, POST, OPTIONS")
                .header(HttpHeaderNames.ACCESS_CONTROL_MAX_AGE, "86400")
                .send();
    }

    private static void allowOrigin(HttpServerResponse response, String origin) {
        if (origin != null) {
            response.header(HttpHeaderNames.ACCESS_CONTROL_ALLOW_ORIGIN, origin)
                    .header(HttpHeaderNames.ACCESS_CONTROL_ALLOW_CREDENTIALS, "true")
                    .header(HttpHeaderNames.VARY, "Origin");
        }
    }

    private static Publisher<Void> refuse(HttpServerResponse response, EngineError error) {
        return send(response, HttpResponseStatus.valueOf(error.httpStatus()), "application/json", error.json());
    }

    private static Mono<Void> send(HttpServerResponse response, HttpResponseStatus status, String type, String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        return response.status(status)
                .header(HttpHeaderNames.CONTENT_TYPE, type)
                .header(HttpHeaderNames.CONTENT_LENGTH, Integer.toString(bytes.length))
                .sendByteArray(Mono.just(bytes))
                .then();
    }

    private static Map<String, String> query(String uri) {
        Map<String, String> query = new HashMap<>();
        new QueryStringDecoder(uri).parameters().forEach((name, values) -> query.put(name, values.get(0)));
        return query;
    }

    private static InetAddress address(HttpServerRequest request) {
        InetSocketAddress remote = request.remoteAddress();
        return remote == null ? null : remote.getAddress();
    }

    private static HandshakeRequest handshake(HttpServerRequest request, Map<String, String> query) {
        Map<String, String> headers = new HashMap<>();
        request.requestHeaders().forEach(h -> headers.putIfAbsent(h.getKey().toLowerCase(Locale.ROOT), h.getValue()));
        InetSocketAddress remote = request.remoteAddress();
        return new HandshakeRequest(query, headers, remote == null ? null : remote.getHostString());
    }
}
