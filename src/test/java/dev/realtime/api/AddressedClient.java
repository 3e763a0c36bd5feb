package dev.realtime.api;

import dev.realtime.api.ApiClient.Response;
import io.netty.handler.codec.http.HttpHeaderNames;
import java.net.InetSocketAddress;
import java.time.Duration;
import reactor.core.publisher.Mono;
import reactor.netty.ByteBufFlux;
import reactor.netty.http.client.HttpClient;

/**
 * A JSON client whose connections leave from a chosen loopback address (any 127.0.0.x reaches the server on
 * Linux), so one test can be several clients as the server tells them apart: by the connection's address. One new
 * connection per request, so no pooled connection carries one address's request for another.
 */
final class AddressedClient {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final String base;

    AddressedClient(int port) {
        this.base = "http://127.0.0.1:" + port;
    }

    /** POSTs the body as JSON from the address, with extra headers given as name, value, name, value... */
    Response post(String fromAddress, String path, Object body, String... headers) {
        String json = ApiClient.JSON.writeValueAsString(body);
        return HttpClient.newConnection()
                .bindAddress(() -> new InetSocketAddress(fromAddress, 0))
                .headers(h -> {
                    h.set(HttpHeaderNames.CONTENT_TYPE, "application/json");
                    for (int i = 0; i < headers.length; i += 2) {
                        h.set(headers[i], headers[i + 1]);
                    }
                })
                .post()
                .uri(base + path)
                .send(ByteBufFlux.fromString(Mono.just(json)))
                .responseSingle((response, content) -> content.asString().defaultIfEmpty("").map(text ->
                        new Response(response.status().code(),
                                text.isEmpty() ? ApiClient.JSON.missingNode() : ApiClient.JSON.readTree(text), null)))
                .block(TIMEOUT);
    }
}
