package dev.realtime.engineio;

import java.util.concurrent.CompletableFuture;

/**
 * The answer to a long-polling request: either a refusal, or a body that completes when there is something to
 * send. The body future completes with the encoded payload, or exceptionally with a {@link PollRefusedException}.
 */
public sealed interface PollResult {

    record Refused(EngineError error) implements PollResult {
    }

    record Body(CompletableFuture<String> payload) implements PollResult {
    }
}
