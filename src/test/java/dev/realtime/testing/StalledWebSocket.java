package dev.realtime.testing;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A Socket.IO peer that stops reading when told to, over a plain TCP socket with a small receive window: what a
 * phone on a dead network or a stuck tab looks like to the server. Written by hand because the official clients
 * and the JDK's WebSocket keep reading into memory; here, what the peer does not read stays in the server.
 *
 * <p>Speaks just enough WebSocket: the upgrade, masked text frames out, unmasked frames in.
 */
public final class StalledWebSocket implements AutoCloseable {

    /** One frame from the server: a text frame's text, or a close frame's status code and reason. */
    public record Frame(boolean close, int code, String text) {
    }

    private static final int RECEIVE_WINDOW = 4096;

    private final Socket socket;
    private final DataInputStream in;
    private final OutputStream out;

    private StalledWebSocket(int port) throws IOException {
        socket = new Socket();
        // Set before connecting, so the window the server sees stays small and unread bytes stay in the server.
        socket.setReceiveBufferSize(RECEIVE_WINDOW);
        socket.setSoTimeout(10_000);
        socket.connect(new InetSocketAddress("127.0.0.1", port));
        in = new DataInputStream(socket.getInputStream());
        out = socket.getOutputStream();
        out.write(("GET /socket.io/?EIO=4&transport=websocket HTTP/1.1\r\nHost: 127.0.0.1:" + port
                + "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
                + "Sec-WebSocket-Version: 13\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
        String headers = readHeaders();
        if (!headers.startsWith("HTTP/1.1 101")) {
            throw new IOException("upgrade refused: " + headers);
        }
    }

    /** Opens a WebSocket and connects to namespace "/" with {@code auth} (a JSON object), reading up to the CONNECT. */
    public static StalledWebSocket connect(int port, String authJson) throws IOException {
        StalledWebSocket peer = new StalledWebSocket(port);
        peer.readUntil("0{");
        peer.send("40" + authJson);
        peer.readUntil("40{");
        return peer;
    }

    /** Sends one Engine.IO text frame, such as {@code 421["chat:join",{...}]}. */
    public void send(String text) throws IOException {
        byte[] payload = text.getBytes(StandardCharsets.UTF_8);
        byte[] mask = {0x11, 0x22, 0x33, 0x44};
        out.write(0x81);
        if (payload.length < 126) {
            out.write(0x80 | payload.length);
        } else {
            out.write(0x80 | 126);
            out.write(payload.length >>> 8);
            out.write(payload.length & 0xFF);
        }
        out.write(mask);
        for (int i = 0; i < payload.length; i++) {
            out.write(payload[i] ^ mask[i % 4]);
        }
        out.flush();
    }

    /** Reads frames until a text frame that starts with {@code prefix}, and returns it. */
    public String readUntil(String prefix) throws IOException {
        while (true) {
            Frame frame = read();
            if (frame.close()) {
                throw new EOFException("closed with " + frame.code() + " before a frame starting with " + prefix);
            }
            if (frame.text().startsWith(prefix)) {
                return frame.text();
            }
        }
    }

    /** Reads every frame up to and including the server's close frame (or the end of the stream). */
    public List<Frame> readToClose() throws IOException {
        List<Frame> frames = new ArrayList<>();
        while (true) {
            Frame frame;
            try {
                frame = read();
            } catch (EOFException e) {
                return frames;
            }
            frames.add(frame);
            if (frame.close()) {
                return frames;
            }
        }
    }

    private Frame read() throws IOException {
        int first = in.readUnsignedByte();
        int second = in.readUnsignedByte();
        long length = second & 0x7F;
        if (length == 126) {
            length = in.readUnsignedShort();
        } else if (length == 127) {
            length = in.readLong();
        }
        byte[] payload = new byte[Math.toIntExact(length)];
        in.readFully(payload);
        int opcode = first & 0x0F;
        if (opcode == 0x8) {
            int code = payload.length >= 2 ? ((payload[0] & 0xFF) << 8) | (payload[1] & 0xFF) : 1005;
            String reason = payload.length > 2 ? new String(payload, 2, payload.length - 2, StandardCharsets.UTF_8) : "";
            return new Frame(true, code, reason);
        }
        return new Frame(false, 0, new String(payload, StandardCharsets.UTF_8));
    }

    private String readHeaders() throws IOException {
        StringBuilder headers = new StringBuilder();
        while (!headers.toString().endsWith("\r\n\r\n")) {
            headers.append((char) in.readUnsignedByte());
        }
        return headers.toString();
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
