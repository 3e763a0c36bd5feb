package dev.realtime.gateway;

import dev.realtime.socketio.Ack;
import dev.realtime.socketio.Socket;
import dev.realtime.system.ApiException;
import dev.realtime.system.ErrorCode;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.RejectedExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How the gateway answers: {@code {ok: true, ...}} or {@code {ok: false, error: {code, message}}} in the ack, and
 * for an event sent without ack that failed, an {@code exception} event (the NestJS convention).
 */
final class GatewayReplies {

    private static final Logger log = LoggerFactory.getLogger(GatewayReplies.class);

    record Error(String code, String message) {
    }

    record Failure(boolean ok, Error error) {
    }

    record ExceptionEvent(String status, String code, String message, String event) {
    }

    private GatewayReplies() {
    }

    static Map<String, Object> ok(Map<String, Object> fields) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("ok", true);
        body.putAll(fields);
        return body;
    }

    static void fail(Socket socket, String event, Ack ack, Throwable error) {
        ApiException failure = translate(socket, event, error);
        if (ack.requested()) {
            ack.send(new Failure(false, new Error(failure.code().name(), failure.getMessage())));
        } else {
            socket.emit("exception",
                    new ExceptionEvent("error", failure.code().name(), failure.getMessage(), event));
        }
    }

    static ApiException translate(Socket socket, String event, Throwable error) {
        if (error instanceof ApiException api) {
            return api;
        }
        if (error instanceof RejectedExecutionException || error.getCause() instanceof RejectedExecutionException) {
            return new ApiException(ErrorCode.RATE_LIMITED, "server busy, retry later");
        }
        log.error("'{}' failed for socket {}", event, socket.id(), error);
        return new ApiException(ErrorCode.INTERNAL, "internal error");
    }
}
