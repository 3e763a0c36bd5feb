package dev.realtime.api;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A REST client of the API as an app would use it: JSON over HTTP/1.1 with an optional bearer token. Each instance
 * has its own connection pool, so separate instances are separate clients.
 */
final class ApiClient {

    static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10))
            .build();
    private final URI base;

    ApiClient(int port) {
        this.base = URI.create("http://127.0.0.1:" + port);
    }

    /** An answer: its status, its JSON body (a missing node when the body is empty) and its headers. */
    record Response(int status, JsonNode body, HttpHeaders headers) {

        String errorCode() {
            return body.path("error").path("code").asString();
        }

        String errorMessage() {
            return body.path("error").path("message").asString();
        }

        String text(String field) {
            JsonNode value = body.path(field);
            return value.isNull() || value.isMissingNode() ? null : value.asString();
        }

        long number(String field) {
            return body.path(field).asLong();
        }

        @Override
        public String toString() {
            return status + " " + body;
        }
    }

    Response get(String path, String token) {
        return send("GET", path, token, null);
    }

    Response post(String path, String token, Object body) {
        return send("POST", path, token, body);
    }

    Response patch(String path, String token, Object body) {
        return send("PATCH", path, token, body);
    }

    Response delete(String path, String token) {
        return send("DELETE", path, token, null);
    }

    /** Every message of the chat in seq order, read page by page as the reader; fails on any answer but 200. */
    List<JsonNode> history(String chat, String token) {
        List<JsonNode> messages = new ArrayList<>();
        boolean more = true;
        while (more) {
            long after = messages.isEmpty() ? 0 : messages.get(messages.size() - 1).path("seq").asLong();
            Response page = get("/api/chats/" + chat + "/messages?limit=200&afterSeq=" + after, token);
            if (page.status() != 200) {
                throw new AssertionError("history: " + page);
            }
            page.body().path("items").forEach(messages::add);
            more = page.body().path("hasMore").asBoolean();
        }
        return messages;
    }

    Response send(String method, String path, String token, Object body) {
        return join(sendAsync(method, path, token, body));
    }

    /** Sends a body as given, not encoded: for malformed or oversized requests. */
    Response sendRaw(String method, String path, String token, String rawBody) {
        return join(exchange(method, path, token, rawBody, "application/json"));
    }

    /** Sends a body as given, labelled with another content type. */
    Response sendRaw(String method, String path, String token, String rawBody, String contentType) {
        return join(exchange(method, path, token, rawBody, contentType));
    }

    CompletableFuture<Response> sendAsync(String method, String path, String token, Object body) {
        return exchange(method, path, token, body == null ? null : JSON.writeValueAsString(body), "application/json");
    }

    private CompletableFuture<Response> exchange(String method, String path, String token, String json,
                                                 String contentType) {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path))
                .timeout(TIMEOUT)
                .header("Accept", "application/json")
                .method(method, json == null
                        ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(json));
        if (json != null) {
            request.header("Content-Type", contentType);
        }
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return http.sendAsync(request.build(), HttpResponse.BodyHandlers.ofString())
                .thenApply(response -> new Response(response.statusCode(), parse(response.body()),
                        response.headers()));
    }

    private static JsonNode parse(String body) {
        return body == null || body.isEmpty() ? JSON.missingNode() : JSON.readTree(body);
    }

    private static Response join(CompletableFuture<Response> future) {
        try {
            return future.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof IOException io) {
                throw new UncheckedIOException(io);
            }
            throw e;
        }
    }
}
