package dev.realtime.system;

import static org.assertj.core.api.Assertions.assertThat;

import dev.realtime.socketio.SocketIoServer;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Binary attachments of a packet still arriving are what a client can make the server hold for it: the probe that
 * found this announced ten attachments and sent nine frames just under maxPayload on each of dozens of WebSockets
 * that never joined a namespace, until the event loops ran out of heap. The limits are the defaults. The connect
 * timeout and the heartbeat are long so that the attackers stay open however slowly a loaded machine runs the
 * test (a CI run took 55 s, and the 45 s connect timeout closed the first attackers), and the wait for each
 * attacker's frames to be handled is long too.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "realtime.socketio.max-payload=1000000B",
        "realtime.socketio.max-attachments=10",
        "realtime.socketio.connect-timeout=10m",
        "realtime.socketio.ping-interval=10m"})
class AttachmentFloodIT {

    private static final int ATTACKERS = 16;
    private static final int FRAMES = 9;
    private static final byte[] FRAME = new byte[950_000];
    /** Held by the attack before the fix: 16 x 9 x 950 KB, about 137 MB. Allowed: noise. */
    private static final long MAX_HEAP_GROWTH = 24L * 1024 * 1024;
    /** 8.5 MB per attacker: a CI run on a loaded machine took over 5 s to take one attacker's frames. */
    private static final Duration HANDLED_WITHIN = Duration.ofSeconds(60);

    @LocalServerPort
    int port;

    @Autowired
    SocketIoServer io;

    @BeforeEach
    void namespace() {
        io.of("/flood");
    }

    @Test
    void binaryPacket_namespaceNeverJoined_serverHeapStaysFlat() throws Exception {
        long before = usedHeapAfterGc();
        List<RawWebSocket> attackers = new ArrayList<>();
        try {
            for (int i = 0; i < ATTACKERS; i++) {
                RawWebSocket attacker = RawWebSocket.connect(port, null, true);
                attackers.add(attacker);
                attacker.send("4" + announce("/", 10));
                for (int frame = 0; frame < FRAMES; frame++) {
                    attacker.sendBinary(FRAME);
                }
                // One attacker at a time: Netty's allocator parks briefly when two event loops contend for it, which
                // BlockHound reports; the heap held at the end is the same.
                attacker.roundTrip(HANDLED_WITHIN);
            }
            assertThat(attackers).noneMatch(attacker -> attacker.closed().isDone());

            long growth = usedHeapAfterGc() - before;

            assertThat(growth).as("heap growth in bytes").isLessThan(MAX_HEAP_GROWTH);
        } finally {
            attackers.forEach(RawWebSocket::close);
        }
    }

    @Test
    void binaryPacket_overPerPacketCapInJoinedNamespace_closedWith1008() throws Exception {
        try (RawWebSocket client = RawWebSocket.connect(port, null, true)) {
            client.connectTo("/flood");

            client.send("4" + announce("/flood", 10));
            client.sendBinary(FRAME);
            client.sendBinary(FRAME);

            assertThat(client.closed().get(HANDLED_WITHIN.toSeconds(), TimeUnit.SECONDS)).isEqualTo(1008);
            assertThat(client.closeReason()).isEqualTo("binary attachments over 1000000 bytes");
        }
    }

    /** The text of a BINARY_EVENT announcing that many attachments, without its Engine.IO type digit "4". */
    private static String announce(String namespace, int attachments) {
        StringBuilder packet = new StringBuilder("5").append(attachments).append('-');
        if (!namespace.equals("/")) {
            packet.append(namespace).append(',');
        }
        packet.append("[\"upload\"");
        for (int i = 0; i < attachments; i++) {
            packet.append(",{\"_placeholder\":true,\"num\":").append(i).append('}');
        }
        return packet.append(']').toString();
    }

    private static long usedHeapAfterGc() {
        System.gc();
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }
}
