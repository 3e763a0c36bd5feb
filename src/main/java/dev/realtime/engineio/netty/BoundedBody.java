package dev.realtime.engineio.netty;

import io.netty.buffer.ByteBuf;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** Collects a request body up to a limit; one byte more and it fails, so nothing beyond the limit is kept. */
final class BoundedBody {

    static final class TooLarge extends RuntimeException {
        TooLarge() {
            super("request body over the limit", null, false, false);
        }
    }

    private final int limit;
    private byte[] bytes = new byte[256];
    private int length;

    BoundedBody(int limit) {
        this.limit = limit;
    }

    BoundedBody append(ByteBuf chunk) {
        int readable = chunk.readableBytes();
        if ((long) length + readable > limit) {
            throw new TooLarge();
        }
        if (length + readable > bytes.length) {
            bytes = Arrays.copyOf(bytes, Math.min(limit, Math.max(bytes.length * 2, length + readable)));
        }
        chunk.getBytes(chunk.readerIndex(), bytes, length, readable);
        length += readable;
        return this;
    }

    String text() {
        return new String(bytes, 0, length, StandardCharsets.UTF_8);
    }
}
