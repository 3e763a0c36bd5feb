package dev.realtime.system;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A WebSocket client written frame by frame over a plain socket, to send what client libraries refuse to (text
 * frames that are not UTF-8) and to read the server's close frame as it is on the wire. Blocking: test threads only.
 */
final class WireWebSocket implements AutoCloseable {

    private static final int TEXT = 0x1;
    private static final int CLOSE = 0x8;

    /** A close frame: its status code and reason. */
    record Close(int code, String reason) {
    }

    private final Socket socket;
    private final DataInputStream in;
    private final OutputStream out;

    private WireWebSocket(Socket socket) throws IOException {
        this.socket = socket;
        this.in = new DataInputStream(socket.getInputStream());
        this.out = socket.getOutputStream();
    }

    /** Opens an Engine.IO session on WebSocket at /socket.io/ and reads its open packet. */
    static WireWebSocket connect(int port) throws IOException {
        Socket socket = new Socket("127.0.0.1", port);
        socket.setSoTimeout(5_000);
        WireWebSocket ws = new WireWebSocket(socket);
        byte[] key = new byte[16];
        ThreadLocalRandom.current().nextBytes(key);
        ws.out.write(("GET /socket.io/?EIO=4&transport=websocket HTTP/1.1\r\n"
                + "Host: 127.0.0.1:" + port + "\r\n"
                + "Upgrade: websocket\r\nConnection: Upgrade\r\n"
                + "Sec-WebSocket-Key: " + Base64.getEncoder().encodeToString(key) + "\r\n"
                + "Sec-WebSocket-Version: 13\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        String head = ws.readHead();
        if (!head.startsWith("HTTP/1.1 101")) {
            throw new IOException("upgrade refused: " + head);
        }
        String open = ws.nextText();
        if (!open.startsWith("0{")) {
            throw new IOException("expected the open packet, got " + open);
        }
        return ws;
    }

    /** Sends one text frame carrying exactly these bytes, whether they are UTF-8 or not. */
    void sendText(byte[] payload) throws IOException {
        ByteArrayOutputStream frame = new ByteArrayOutputStream();
        frame.write(0x80 | TEXT);
        if (payload.length < 126) {
            frame.write(0x80 | payload.length);
        } else {
            frame.write(0x80 | 126);
            frame.write(payload.length >>> 8);
            frame.write(payload.length & 0xff);
        }
        byte[] mask = new byte[4];
        ThreadLocalRandom.current().nextBytes(mask);
        frame.write(mask);
        for (int i = 0; i < payload.length; i++) {
            frame.write(payload[i] ^ mask[i % 4]);
        }
        out.write(frame.toByteArray());
        out.flush();
    }

    /** Reads frames until the server's close frame and returns its status; fails after 5 seconds of silence. */
    Close awaitClose() throws IOException {
        while (true) {
            int opcode = in.readUnsignedByte() & 0x0f;
            byte[] payload = readPayload();
            if (opcode == CLOSE) {
                int code = payload.length >= 2 ? ((payload[0] & 0xff) << 8) | (payload[1] & 0xff) : -1;
                String reason = payload.length > 2
                        ? new String(Arrays.copyOfRange(payload, 2, payload.length), StandardCharsets.UTF_8) : "";
                return new Close(code, reason);
            }
        }
    }

    private String nextText() throws IOException {
        int opcode = in.readUnsignedByte() & 0x0f;
        byte[] payload = readPayload();
        if (opcode != TEXT) {
            throw new IOException("expected a text frame, got opcode " + opcode);
        }
        return new String(payload, StandardCharsets.UTF_8);
    }

    /** Server frames are unmasked. */
    private byte[] readPayload() throws IOException {
        int length = in.readUnsignedByte() & 0x7f;
        if (length == 126) {
            length = in.readUnsignedShort();
        } else if (length == 127) {
            length = Math.toIntExact(in.readLong());
        }
        byte[] payload = new byte[length];
        in.readFully(payload);
        return payload;
    }

    private String readHead() throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        while (!head.toString(StandardCharsets.US_ASCII).endsWith("\r\n\r\n")) {
            head.write(in.readUnsignedByte());
        }
        return head.toString(StandardCharsets.US_ASCII);
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
