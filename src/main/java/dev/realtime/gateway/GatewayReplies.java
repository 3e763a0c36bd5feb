package dev.realtime.gateway;

import dev.realtime.socketio.Ack;
import dev.realtime.socketio.Socket;
import dev.realtime.system.ApiException;
import dev.realtime.system.ErrorCode;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.RejectedExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * How the gateway answers: {@code {ok: true, ...}} or {@code {ok: false, error: {code, message}}} in the ack, and
 * for an event sent without ack that failed, an {@code exception} event (the NestJS convention). Counts the acks by
 * code ({@code realtime.acks}) and every RATE_LIMITED refusal, acked or not ({@code realtime.rate.limited}).
 */
@Component
final class GatewayReplies {

    private static final Logger log = LoggerFactory.getLogger(GatewayReplies.class);
    private static final String OK = "OK";

    record Error(String code, String message) {
    }

    record Failure(boolean ok, Error error) {
    }

    record ExceptionEvent(String status, String code, String message, String event) {
    }

    private final Counter okAcks;
    private final Map<ErrorCode, Counter> errorAcks = new EnumMap<>(ErrorCode.class);
    private final Counter rateLimited;

    GatewayReplies(MeterRegistry registry) {
        this.okAcks = acks(registry, OK);
        for (ErrorCode code : ErrorCode.values()) {
            errorAcks.put(code, acks(registry, code.name()));
        }
        this.rateLimited = Counter.builder("realtime.rate.limited")
                .description("Requests and events refused with RATE_LIMITED").tag("edge", "socket")
                .register(registry);
    }

    /** Acks {@code {ok: true, ...fields}} when the client asked for an ack. */
    void ok(Ack ack, Map<String, Object> fields) {
        if (ack.requested()) {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("ok", true);
            body.putAll(fields);
            okAcks.increment();
            ack.send(body);
        }
    }

    void fail(Socket socket, String event, Ack ack, Throwable error) {
        ApiException failure = translate(socket, event, error);
        if (failure.code() == ErrorCode.RATE_LIMITED) {
            rateLimited.increment();
        }
        if (ack.requested()) {
            errorAcks.get(failure.code()).increment();
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
        log.error("'{}' failed for socket {} of user {}", event, socket.id(),
                socket.attributes().get(RealtimeGateway.USER), error);
        return new ApiException(ErrorCode.INTERNAL, "internal error");
    }

    private static Counter acks(MeterRegistry registry, String code) {
        return Counter.builder("realtime.acks").description("Acks sent to sockets, by code (OK or the error code)")
                .tag("code", code).register(registry);
    }
}
