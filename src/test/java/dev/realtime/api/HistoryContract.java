package dev.realtime.api;

import static dev.realtime.api.TestUser.json;
import static org.assertj.core.api.Assertions.assertThat;

import dev.realtime.api.ApiClient.Response;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** What readers see of a chat: history pages, edits and deletes by the sender, read and delivered positions. */
interface HistoryContract extends ApiFixture {

    @Test
    default void history_pagedByAfterBeforeAndLimit_seqOrderWithHasMore() {
        TestUser alice = register("alice");
        TestUser bob = register("bob");
        String chat = direct(alice, bob);
        for (int i = 1; i <= 10; i++) {
            send(i % 2 == 0 ? bob : alice, chat, "m" + i);
        }
        String messages = "/api/chats/" + chat + "/messages";

        Response newest = api().get(messages + "?limit=3", bob.token());
        Response older = api().get(messages + "?beforeSeq=8&limit=3", bob.token());
        Response oldest = api().get(messages + "?beforeSeq=3&limit=5", bob.token());
        Response fromStart = api().get(messages + "?afterSeq=0&limit=4", bob.token());
        Response tail = api().get(messages + "?afterSeq=8&limit=5", bob.token());
        Response window = api().get(messages + "?afterSeq=2&beforeSeq=6", bob.token());
        Response everything = api().get(messages, bob.token());

        assertPage(newest, true, 8, 9, 10);
        assertPage(older, true, 5, 6, 7);
        assertPage(oldest, false, 1, 2);
        assertPage(fromStart, true, 1, 2, 3, 4);
        assertPage(tail, false, 9, 10);
        assertPage(window, false, 3, 4, 5);
        assertPage(everything, false, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10);
        assertThat(fromStart.body().path("items")).extracting(m -> m.path("text").asString())
                .containsExactly("m1", "m2", "m3", "m4");
    }

    @Test
    default void history_limitOutOfRange_badRequestNamingLimit() {
        TestUser alice = register("alice");
        String chat = group(alice);

        Response zero = api().get("/api/chats/" + chat + "/messages?limit=0", alice.token());
        Response tooMany = api().get("/api/chats/" + chat + "/messages?limit=201", alice.token());

        assertThat(List.of(zero, tooMany)).allSatisfy(response -> {
            assertThat(response.status()).isEqualTo(400);
            assertThat(response.errorMessage()).startsWith("limit:");
        });
    }

    @Test
    default void edit_bySender_textChangedSeqKept() {
        TestUser alice = register("alice");
        TestUser bob = register("bob");
        String chat = direct(alice, bob);
        JsonNode message = send(alice, chat, "helo");

        Response edited = api().patch("/api/messages/" + message.path("id").asString(), alice.token(),
                json("text", "hello"));

        assertThat(edited.status()).isEqualTo(200);
        assertThat(edited.text("text")).isEqualTo("hello");
        assertThat(edited.text("editedAt")).isNotNull();
        assertThat(edited.number("seq")).isEqualTo(message.path("seq").asLong());
        assertThat(history(bob, chat)).singleElement().satisfies(m -> {
            assertThat(m.path("text").asString()).isEqualTo("hello");
            assertThat(m.path("editedAt").isNull()).isFalse();
        });
    }

    @Test
    default void editOrDelete_byOtherUser_forbiddenAndUnchanged() {
        TestUser alice = register("alice");
        TestUser bob = register("bob");
        TestUser mallory = register("mallory");
        String chat = group(alice, bob);
        String id = send(alice, chat, "mine").path("id").asString();

        Response editByMember = api().patch("/api/messages/" + id, bob.token(), json("text", "yours"));
        Response deleteByMember = api().delete("/api/messages/" + id, bob.token());
        Response editByStranger = api().patch("/api/messages/" + id, mallory.token(), json("text", "ours"));
        Response deleteByStranger = api().delete("/api/messages/" + id, mallory.token());

        assertThat(List.of(editByMember, deleteByMember, editByStranger, deleteByStranger)).allSatisfy(response -> {
            assertThat(response.status()).isEqualTo(403);
            assertThat(response.errorCode()).isEqualTo("FORBIDDEN");
        });
        assertThat(history(alice, chat)).singleElement().satisfies(m -> {
            assertThat(m.path("text").asString()).isEqualTo("mine");
            assertThat(m.path("deletedAt").isNull()).isTrue();
        });
    }

    @Test
    default void editOrDelete_senderRemovedFromChat_forbiddenAndUnchanged() {
        TestUser alice = register("alice");
        TestUser bob = register("bob");
        String chat = group(alice, bob);
        String id = send(bob, chat, "before removal").path("id").asString();
        assertThat(api().delete("/api/chats/" + chat + "/members/" + bob.id(), alice.token()).status())
                .isEqualTo(200);

        Response edit = api().patch("/api/messages/" + id, bob.token(), json("text", "after removal"));
        Response delete = api().delete("/api/messages/" + id, bob.token());

        assertThat(List.of(edit, delete)).allSatisfy(response -> {
            assertThat(response.status()).isEqualTo(403);
            assertThat(response.errorCode()).isEqualTo("FORBIDDEN");
        });
        assertThat(history(alice, chat)).singleElement().satisfies(m -> {
            assertThat(m.path("text").asString()).isEqualTo("before removal");
            assertThat(m.path("editedAt").isNull()).isTrue();
            assertThat(m.path("deletedAt").isNull()).isTrue();
        });
    }

    @Test
    default void editOrDelete_unknownMessage_notFound() {
        TestUser alice = register("alice");

        Response edit = api().patch("/api/messages/" + UUID.randomUUID(), alice.token(), json("text", "x"));
        Response delete = api().delete("/api/messages/" + UUID.randomUUID(), alice.token());

        assertThat(edit.status()).isEqualTo(404);
        assertThat(delete.status()).isEqualTo(404);
    }

    @Test
    default void delete_bySender_seqKeptTextCleared() {
        TestUser alice = register("alice");
        TestUser bob = register("bob");
        String chat = direct(alice, bob);
        send(alice, chat, "one");
        String id = send(alice, chat, "two").path("id").asString();
        send(bob, chat, "three");

        Response deleted = api().delete("/api/messages/" + id, alice.token());

        assertThat(deleted.status()).isEqualTo(200);
        assertThat(deleted.text("text")).isNull();
        assertThat(deleted.text("deletedAt")).isNotNull();
        assertThat(deleted.number("seq")).isEqualTo(2);
        List<JsonNode> stored = history(bob, chat);
        assertThat(stored).extracting(m -> m.path("seq").asLong()).containsExactly(1L, 2L, 3L);
        assertThat(stored.get(1).path("id").asString()).isEqualTo(id);
        assertThat(stored.get(1).path("text").isNull()).isTrue();
        assertThat(stored.get(1).path("deletedAt").isNull()).isFalse();
        assertThat(send(bob, chat, "four").path("seq").asLong()).isEqualTo(4);
    }

    @Test
    default void edit_deletedMessage_conflict() {
        TestUser alice = register("alice");
        String chat = group(alice);
        String id = send(alice, chat, "soon gone").path("id").asString();
        api().delete("/api/messages/" + id, alice.token());

        Response edit = api().patch("/api/messages/" + id, alice.token(), json("text", "back again"));

        assertThat(edit.status()).isEqualTo(409);
        assertThat(edit.errorCode()).isEqualTo("CONFLICT");
        assertThat(history(alice, chat).get(0).path("text").isNull()).isTrue();
    }

    @Test
    default void readAndDelivered_positionsMoveForwardOnly_shownInChat() {
        TestUser alice = register("alice");
        TestUser bob = register("bob");
        String chat = direct(alice, bob);
        for (int i = 1; i <= 5; i++) {
            send(alice, chat, "m" + i);
        }
        String base = "/api/chats/" + chat;

        Response delivered3 = api().post(base + "/delivered", bob.token(), json("seq", 3));
        Response read2 = api().post(base + "/read", bob.token(), json("seq", 2));
        Response readBack1 = api().post(base + "/read", bob.token(), json("seq", 1));
        Response deliveredBack1 = api().post(base + "/delivered", bob.token(), json("seq", 1));
        JsonNode midway = member(api().get(base, alice.token()), bob.id());
        Response read5 = api().post(base + "/read", bob.token(), json("seq", 5));

        assertPosition(delivered3.body(), 0, 3);
        assertPosition(read2.body(), 2, 3);
        assertPosition(readBack1.body(), 2, 3);
        assertPosition(deliveredBack1.body(), 2, 3);
        assertPosition(midway, 2, 3);
        assertPosition(read5.body(), 5, 5);
        Response chatView = api().get(base, alice.token());
        assertPosition(member(chatView, bob.id()), 5, 5);
        assertPosition(member(chatView, alice.id()), 0, 0);
    }

    @Test
    default void read_seqBeyondLastOrMissing_badRequestNamingSeq() {
        TestUser alice = register("alice");
        String chat = group(alice);
        send(alice, chat, "only");

        Response beyond = api().post("/api/chats/" + chat + "/read", alice.token(), json("seq", 2));
        Response negative = api().post("/api/chats/" + chat + "/delivered", alice.token(), json("seq", -1));
        Response missing = api().post("/api/chats/" + chat + "/read", alice.token(), json());

        assertThat(List.of(beyond, negative, missing)).allSatisfy(response -> {
            assertThat(response.status()).isEqualTo(400);
            assertThat(response.errorMessage()).startsWith("seq:");
        });
        assertPosition(member(api().get("/api/chats/" + chat, alice.token()), alice.id()), 0, 0);
    }
}
