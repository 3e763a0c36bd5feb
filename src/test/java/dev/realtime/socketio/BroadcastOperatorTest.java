package dev.realtime.socketio;

import static org.assertj.core.api.Assertions.assertThat;

import dev.realtime.engineio.EnginePacket;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/** Broadcasts reach the right sockets, and every recipient writes the bytes encoded once for all of them. */
class BroadcastOperatorTest {

    private final SocketIoServer server =
            SocketIoServer.inMemory(SocketIoOptions.defaults(), JsonMapper.builder().build());

    @AfterEach
    void stopServer() {
        server.close();
    }

    @Test
    void emit_toRoom_everyMemberGetsTheSameFrameBytes() {
        Member a = connect();
        Member b = connect();
        Member outsider = connect();
        a.socket().join("room");
        b.socket().join("room");

        server.sockets().to("room").emit("news", "hello", Map.of("n", 1));

        EnginePacket toA = a.client().writes().get(0).get(0);
        EnginePacket toB = b.client().writes().get(0).get(0);
        assertThat(toA.text()).isEqualTo("2[\"news\",\"hello\",{\"n\":1}]");
        assertThat(toA).isSameAs(toB);
        assertThat(toA.frameBytes()).isSameAs(toB.frameBytes());
        assertThat(outsider.client().writes()).isEmpty();
    }

    @Test
    void emit_withBinary_membersShareTextAndAttachmentFrames() {
        Member a = connect();
        Member b = connect();

        server.sockets().emit("file", (Object) new byte[] {1, 2});

        List<EnginePacket> toA = a.client().writes().get(0);
        List<EnginePacket> toB = b.client().writes().get(0);
        assertThat(toA).hasSize(2).isSameAs(toB);
        assertThat(toA.get(0).text()).isEqualTo("51-[\"file\",{\"_placeholder\":true,\"num\":0}]");
        assertThat(toA.get(0).frameBytes()).isSameAs(toB.get(0).frameBytes());
        assertThat(toA.get(1).frameBytes()).isSameAs(toB.get(1).frameBytes()).containsExactly(1, 2);
    }

    @Test
    void emit_fromSocketToRoom_reachesOthersInItButNotTheSender() {
        Member sender = connect();
        Member other = connect();
        sender.socket().join("room");
        other.socket().join("room");

        sender.socket().to("room").emit("typing", "on");

        assertThat(other.client().messages()).containsExactly("2[\"typing\",\"on\"]");
        assertThat(sender.client().writes()).isEmpty();
    }

    @Test
    void emit_exceptRoom_reachesEveryoneElse() {
        Member a = connect();
        Member muted = connect();
        muted.socket().join("muted");

        server.sockets().except("muted").emit("notice");

        assertThat(a.client().messages()).containsExactly("2[\"notice\"]");
        assertThat(muted.client().writes()).isEmpty();
    }

    private Member connect() {
        FakeClient client = FakeClient.connected(server);
        return new Member(server.sockets().socket(client.socketId()), client);
    }

    private record Member(Socket socket, FakeClient client) {
    }
}
