package dev.realtime.cluster;

import io.lettuce.core.RedisNoScriptException;
import io.lettuce.core.ScriptOutputType;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * A Lua script run by its SHA-1, sent whole only when Redis does not know it (first use, or after a restart).
 * Scripts name their keys from a prefix argument rather than declaring them: fine on one Redis (or a primary with
 * replicas), not on Redis Cluster.
 */
final class RedisScript {

    private static final String[] NO_KEYS = new String[0];

    private final String text;
    private final String sha;

    private RedisScript(String text) {
        this.text = text;
        this.sha = sha1(text);
    }

    /** The files (next to this class) one after the other: a shared library first, then the script's own body. */
    static RedisScript load(String... files) {
        StringBuilder text = new StringBuilder();
        for (String file : files) {
            try (InputStream in = RedisScript.class.getResourceAsStream(file)) {
                if (in == null) {
                    throw new IllegalStateException("no script " + file + " next to " + RedisScript.class.getName());
                }
                text.append(new String(in.readAllBytes(), StandardCharsets.UTF_8)).append('\n');
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return new RedisScript(text.toString());
    }

    <T> CompletableFuture<T> run(RedisNode node, ScriptOutputType type, String... args) {
        return node.<T>state(cmd -> cmd.evalsha(sha, type, NO_KEYS, args))
                .exceptionallyCompose(error -> unwrap(error) instanceof RedisNoScriptException
                        ? node.<T>state(cmd -> cmd.eval(text, type, NO_KEYS, args))
                        : CompletableFuture.failedFuture(error));
    }

    private static Throwable unwrap(Throwable error) {
        return error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
    }

    private static String sha1(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("no SHA-1 on this JVM", e);
        }
    }
}
