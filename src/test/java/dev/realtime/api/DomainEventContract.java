package dev.realtime.api;

import static dev.realtime.api.TestUser.json;
import static org.assertj.core.api.Assertions.assertThat;

import dev.realtime.api.ApiClient.Response;
import dev.realtime.chats.ChatEvents.ChatCreated;
import dev.realtime.chats.ChatEvents.ChatMemberAdded;
import dev.realtime.chats.ChatEvents.ChatMemberRemoved;
import dev.realtime.messages.MessageEvents.MessageCreated;
import dev.realtime.messages.MessageEvents.MessageDeleted;
import dev.realtime.messages.MessageEvents.MessageStatus;
import dev.realtime.messages.ReceiptStatus;
import dev.realtime.messages.MessageEvents.MessageUpdated;
import java.util.List;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.Test;

/** The domain events published after commit, as an in-process listener hears them, and none for a no-op. */
interface DomainEventContract extends ApiFixture {

    @Test
    default void messageLifecycle_publishesCreatedUpdatedDeletedAndStatus() {
        TestUser alice = register("alice");
        TestUser bob = register("bob");
        String chat = direct(alice, bob);

        String id = send(alice, chat, "draft").path("id").asString();
        api().patch("/api/messages/" + id, alice.token(), json("text", "final"));
        api().post("/api/chats/" + chat + "/delivered", bob.token(), json("seq", 1));
        api().post("/api/chats/" + chat + "/read", bob.token(), json("seq", 1));
        api().delete("/api/messages/" + id, alice.token());

        assertThat(recorder().of(MessageCreated.class, e -> e.message().chatId().equals(chat)))
                .singleElement().satisfies(e -> {
                    assertThat(e.name()).isEqualTo("message.created");
                    assertThat(e.message().id()).isEqualTo(id);
                    assertThat(e.message().text()).isEqualTo("draft");
                });
        assertThat(recorder().of(MessageUpdated.class, e -> e.message().chatId().equals(chat)))
                .singleElement().satisfies(e -> {
                    assertThat(e.name()).isEqualTo("message.updated");
                    assertThat(e.message().text()).isEqualTo("final");
                });
        assertThat(recorder().of(MessageStatus.class, e -> e.chatId().equals(chat)))
                .extracting(MessageStatus::name, MessageStatus::userId, MessageStatus::status, MessageStatus::seq)
                .containsExactly(
                        Tuple.tuple("message.status", bob.id(), ReceiptStatus.DELIVERED, 1L),
                        Tuple.tuple("message.status", bob.id(), ReceiptStatus.READ, 1L));
        assertThat(recorder().of(MessageDeleted.class, e -> e.chatId().equals(chat)))
                .singleElement().satisfies(e -> {
                    assertThat(e.name()).isEqualTo("message.deleted");
                    assertThat(e.messageId()).isEqualTo(id);
                    assertThat(e.seq()).isEqualTo(1);
                });
    }

    @Test
    default void retryOrNoChange_publishesNothingNew() {
        TestUser alice = register("alice");
        TestUser bob = register("bob");
        String chat = direct(alice, bob);
        String id = api().post("/api/chats/" + chat + "/messages", alice.token(),
                json("text", "hi", "clientMessageId", "once")).text("id");
        api().post("/api/chats/" + chat + "/read", bob.token(), json("seq", 1));
        api().delete("/api/messages/" + id, alice.token());

        Response retry = api().post("/api/chats/" + chat + "/messages", alice.token(),
                json("text", "hi", "clientMessageId", "once"));
        Response readAgain = api().post("/api/chats/" + chat + "/read", bob.token(), json("seq", 1));
        Response deliveredBehindRead = api().post("/api/chats/" + chat + "/delivered", bob.token(), json("seq", 1));
        Response deleteAgain = api().delete("/api/messages/" + id, alice.token());
        Response directAgain = api().post("/api/chats", bob.token(), json("type", "direct", "memberIds",
                List.of(alice.id())));

        assertThat(List.of(retry, readAgain, deliveredBehindRead, deleteAgain, directAgain))
                .extracting(Response::status).containsOnly(200);
        assertThat(recorder().of(MessageCreated.class, e -> e.message().chatId().equals(chat))).hasSize(1);
        assertThat(recorder().of(MessageStatus.class, e -> e.chatId().equals(chat))).hasSize(1);
        assertThat(recorder().of(MessageDeleted.class, e -> e.chatId().equals(chat))).hasSize(1);
        assertThat(recorder().of(ChatCreated.class, e -> e.chat().id().equals(chat))).hasSize(1);
    }

    @Test
    default void chatLifecycle_publishesCreatedMemberAddedAndRemoved() {
        TestUser alice = register("alice");
        TestUser bob = register("bob");
        TestUser carol = register("carol");

        String chat = group(alice, bob);
        api().post("/api/chats/" + chat + "/members", alice.token(), json("userIds", List.of(carol.id(), bob.id())));
        api().delete("/api/chats/" + chat + "/members/" + bob.id(), alice.token());

        assertThat(recorder().of(ChatCreated.class, e -> e.chat().id().equals(chat))).singleElement()
                .satisfies(e -> {
                    assertThat(e.name()).isEqualTo("chat.created");
                    assertThat(e.chat().memberIds()).containsExactlyInAnyOrder(alice.id(), bob.id());
                });
        assertThat(recorder().of(ChatMemberAdded.class, e -> e.chatId().equals(chat))).singleElement()
                .satisfies(e -> {
                    assertThat(e.name()).isEqualTo("chat.member.added");
                    assertThat(e.userId()).isEqualTo(carol.id());
                    assertThat(e.chat().memberIds()).contains(carol.id());
                });
        assertThat(recorder().of(ChatMemberRemoved.class, e -> e.chatId().equals(chat))).singleElement()
                .satisfies(e -> {
                    assertThat(e.name()).isEqualTo("chat.member.removed");
                    assertThat(e.userId()).isEqualTo(bob.id());
                    assertThat(e.chat().memberIds()).doesNotContain(bob.id());
                });
    }
}
