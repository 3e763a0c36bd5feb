package dev.realtime.cluster;

import io.lettuce.core.RedisNoScriptException;
import io.lettuce.core.ScriptOutputType;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * A Lua script run on the shared-state connection by its digest; the whole text is sent only when Redis does not
 * know it (the first run, or after Redis restarted), so a busy script costs a few bytes per call.
 */
record LuaScript(String text, String sha) {

    static LuaScript of(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-1").digest(text.getBytes(StandardCharsets.UTF_8));
            return new LuaScript(text, HexFormat.of().formatHex(digest));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-1", e);
        }
    }

    <T> CompletableFuture<T> run(RedisNode node, ScriptOutputType type, String[] keys, String... args) {
        return node.<T>state(redis -> redis.evalsha(sha, type, keys, args))
                .exceptionallyCompose(error -> unknownScript(error)
                        ? node.<T>state(redis -> redis.eval(text, type, keys, args))
                        : CompletableFuture.failedFuture(error));
    }

    private static boolean unknownScript(Throwable error) {
        Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
        return cause instanceof RedisNoScriptException;
    }
}
