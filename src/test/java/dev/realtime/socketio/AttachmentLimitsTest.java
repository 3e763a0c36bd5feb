package dev.realtime.socketio;

import static org.assertj.core.api.Assertions.assertThat;

import dev.realtime.engineio.CloseStatus;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** What a connection may make the server hold while the attachments of a binary packet arrive, and for how long. */
class AttachmentLimitsTest {

    private static final String TWO_ATTACHMENTS =
            "52-[\"upload\",{\"_placeholder\":true,\"num\":0},{\"_placeholder\":true,\"num\":1}]";

    private final List<List<JsonNode>> uploads = new CopyOnWriteArrayList<>();
    private final SocketIoServer server = SocketIoServer.inMemory(
            SocketIoOptions.defaults().withAttachmentLimits(8, 10), JsonMapper.builder().build());

    AttachmentLimitsTest() {
        server.sockets().on("upload", (socket, args, ack) -> uploads.add(args));
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void binaryEvent_namespaceNotJoined_attachmentsDroppedAsTheyArrive() {
        FakeClient client = FakeClient.open(server);
        client.sendPacket(TWO_ATTACHMENTS);

        client.sendBinary(new byte[6]);

        assertThat(held()).isZero();
        client.sendBinary(new byte[6]);
        client.connect("/");
        assertThat(client.isClosed()).isFalse();
        assertThat(uploads).isEmpty();
    }

    @Test
    void binaryEvent_attachmentsOverPacketCap_closedWith1008AndNothingHeld() {
        FakeClient client = FakeClient.connected(server);
        client.sendPacket(TWO_ATTACHMENTS);
        client.sendBinary(new byte[6]);
        assertThat(held()).isEqualTo(6);

        client.sendBinary(new byte[3]);

        assertThat(client.closeStatus()).isEqualTo(CloseStatus.policyViolation("binary attachments over 8 bytes"));
        assertThat(held()).isZero();
        assertThat(uploads).isEmpty();
    }

    @Test
    void binaryEvent_overServerBudget_offenderClosedWhileOthersComplete() {
        FakeClient first = FakeClient.connected(server);
        FakeClient second = FakeClient.connected(server);
        first.sendPacket(TWO_ATTACHMENTS);
        first.sendBinary(new byte[6]);
        second.sendPacket(TWO_ATTACHMENTS);

        second.sendBinary(new byte[6]);

        assertThat(second.closeStatus().code()).isEqualTo(1008);
        assertThat(first.isClosed()).isFalse();
        first.sendBinary(new byte[] {1, 2});
        assertThat(uploads).singleElement().satisfies(args -> assertThat(args.get(1).binaryValue()).hasSize(2));
        assertThat(held()).isZero();
    }

    @Test
    void transportClose_midPacket_nothingHeld() {
        FakeClient client = FakeClient.connected(server);
        client.sendPacket(TWO_ATTACHMENTS);
        client.sendBinary(new byte[6]);

        client.dropTransport();

        assertThat(held()).isZero();
    }

    @Test
    void textPacket_midPacket_closedWith1002AndNothingHeld() {
        FakeClient client = FakeClient.connected(server);
        client.sendPacket(TWO_ATTACHMENTS);
        client.sendBinary(new byte[6]);

        client.sendPacket("2[\"other\"]");

        assertThat(client.closeStatus().code()).isEqualTo(1002);
        assertThat(held()).isZero();
    }

    private long held() {
        return server.attachmentBudget().used();
    }
}
