package dev.realtime.system;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.concurrent.RejectedExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.annotation.Order;
import org.springframework.core.codec.DecodingException;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.stereotype.Component;
import org.springframework.web.server.MethodNotAllowedException;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.ServerWebInputException;
import org.springframework.web.server.WebExceptionHandler;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * Every failure of the REST API becomes {@code {"error": {"code", "message"}}} with its status, whether it came
 * from a controller, from routing (unknown path, wrong method) or from reading the body. Runs before Spring Boot's
 * default handler.
 */
@Component
@Order(-2)
class ApiErrorHandler implements WebExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ApiErrorHandler.class);

    private final JsonMapper json;
    private final Counter rateLimited;

    ApiErrorHandler(JsonMapper json, MeterRegistry registry) {
        this.json = json;
        this.rateLimited = Counter.builder("realtime.rate.limited")
                .description("Requests and events refused with RATE_LIMITED").tag("edge", "rest").register(registry);
    }

    @Override
    public Mono<Void> handle(ServerWebExchange exchange, Throwable error) {
        ServerHttpResponse response = exchange.getResponse();
        if (response.isCommitted()) {
            return Mono.error(error);
        }
        ApiException failure = translate(error);
        if (failure.code() == ErrorCode.INTERNAL) {
            log.error("{} {} failed", exchange.getRequest().getMethod(), exchange.getRequest().getPath(), error);
        }
        byte[] body = json.writeValueAsBytes(ApiError.of(failure.code(), failure.getMessage()));
        response.setStatusCode(failure.code().status());
        response.getHeaders().setContentType(MediaType.APPLICATION_JSON);
        if (failure.code() == ErrorCode.RATE_LIMITED) {
            rateLimited.increment();
            response.getHeaders().set("Retry-After", "1");
        }
        if (error instanceof MethodNotAllowedException notAllowed) {
            response.getHeaders().setAllow(notAllowed.getSupportedMethods());
        }
        DataBuffer buffer = response.bufferFactory().wrap(body);
        return response.writeWith(Mono.just(buffer));
    }

    private static ApiException translate(Throwable error) {
        if (error instanceof ApiException api) {
            return api;
        }
        if (error instanceof DataBufferLimitException || causedBy(error, DataBufferLimitException.class)) {
            return new ApiException(ErrorCode.PAYLOAD_TOO_LARGE, "request body too large");
        }
        if (error instanceof ServerWebInputException input) {
            return InputErrors.describe(input);
        }
        if (error instanceof DecodingException) {
            return InputErrors.body(error);
        }
        if (error instanceof RejectedExecutionException || causedBy(error, RejectedExecutionException.class)) {
            return new ApiException(ErrorCode.RATE_LIMITED, "server busy, retry later");
        }
        if (error instanceof ResponseStatusException status) {
            return fromStatus(HttpStatus.valueOf(status.getStatusCode().value()));
        }
        return new ApiException(ErrorCode.INTERNAL, "internal error");
    }

    private static ApiException fromStatus(HttpStatus status) {
        return switch (status) {
            case NOT_FOUND -> new ApiException(ErrorCode.NOT_FOUND, "no such resource");
            case METHOD_NOT_ALLOWED -> new ApiException(ErrorCode.METHOD_NOT_ALLOWED, "method not allowed here");
            case UNAUTHORIZED -> new ApiException(ErrorCode.UNAUTHORIZED, "authentication required");
            case FORBIDDEN -> new ApiException(ErrorCode.FORBIDDEN, "forbidden");
            case PAYLOAD_TOO_LARGE -> new ApiException(ErrorCode.PAYLOAD_TOO_LARGE, "request body too large");
            case UNSUPPORTED_MEDIA_TYPE ->
                    new ApiException(ErrorCode.UNSUPPORTED_MEDIA_TYPE, "the body must be application/json");
            case BAD_REQUEST, NOT_ACCEPTABLE ->
                    new ApiException(ErrorCode.VALIDATION_FAILED, "request: " + status.getReasonPhrase());
            default -> new ApiException(status.is4xxClientError() ? ErrorCode.VALIDATION_FAILED : ErrorCode.INTERNAL,
                    status.getReasonPhrase());
        };
    }

    private static boolean causedBy(Throwable error, Class<? extends Throwable> type) {
        for (Throwable t = error.getCause(); t != null && t != t.getCause(); t = t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }

}
