package dev.realtime.api;

import static dev.realtime.api.TestUser.json;
import static org.assertj.core.api.Assertions.assertThat;

import dev.realtime.api.ApiClient.Response;
import dev.realtime.messages.MessageEvents.MessageCreated;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Sending: seqs gapless and unique under concurrency (and message.created in seq order), idempotent retries by
 * clientMessageId, size limits.
 */
interface SendContract extends ApiFixture {

    @Test
    default void send_successiveMessages_seqIncrementsByOne() {
        TestUser alice = register("alice");
        TestUser bob = register("bob");
        String chat = direct(alice, bob);

        Response first = api().post("/api/chats/" + chat + "/messages", alice.token(), json("text", "one"));
        Response second = api().post("/api/chats/" + chat + "/messages", bob.token(),
                json("text", "two", "clientMessageId", "b-1"));
        Response third = api().post("/api/chats/" + chat + "/messages", alice.token(), json("text", "three"));

        assertThat(List.of(first, second, third)).extracting(Response::status).containsOnly(201);
        assertThat(List.of(first, second, third)).extracting(r -> r.number("seq")).containsExactly(1L, 2L, 3L);
        assertThat(second.body().propertyNames()).containsExactlyInAnyOrder("id", "chatId", "senderId", "text",
                "seq", "clientMessageId", "createdAt", "editedAt", "deletedAt");
        assertThat(second.text("chatId")).isEqualTo(chat);
        assertThat(second.text("senderId")).isEqualTo(bob.id());
        assertThat(second.text("text")).isEqualTo("two");
        assertThat(second.text("clientMessageId")).isEqualTo("b-1");
        assertThat(second.text("createdAt")).isNotBlank();
        assertThat(second.text("editedAt")).isNull();
        assertThat(second.text("deletedAt")).isNull();
        assertThat(api().get("/api/chats/" + chat, bob.token()).number("lastSeq")).isEqualTo(3);
    }

    @Test
    default void send_thousandConcurrentFromTwentyClients_seqExactlyOneToThousand() {
        List<TestUser> users = registerAll(20);
        String chat = group(users.get(0), users.subList(1, 20).toArray(TestUser[]::new));
        List<CompletableFuture<Response>> sends = new ArrayList<>();

        for (TestUser user : users) {
            ApiClient client = new ApiClient(port());
            for (int i = 0; i < 50; i++) {
                sends.add(client.sendAsync("POST", "/api/chats/" + chat + "/messages", user.token(),
                        json("text", user.username() + "#" + i)));
            }
        }
        List<Response> answers = all(sends.stream());

        List<Long> oneToThousand = LongStream.rangeClosed(1, 1000).boxed().toList();
        assertThat(answers).extracting(Response::status).containsOnly(201);
        assertThat(answers).extracting(a -> a.number("seq")).containsExactlyInAnyOrderElementsOf(oneToThousand);
        List<JsonNode> stored = history(users.get(0), chat);
        assertThat(stored).extracting(m -> m.path("seq").asLong()).containsExactlyElementsOf(oneToThousand);
        Map<String, String> acknowledged = answers.stream()
                .collect(Collectors.toMap(a -> a.text("id"), a -> a.text("text")));
        assertThat(stored.stream().collect(Collectors.toMap(m -> m.path("id").asString(),
                m -> m.path("text").asString()))).isEqualTo(acknowledged);
        assertThat(api().get("/api/chats/" + chat, users.get(0).token()).number("lastSeq")).isEqualTo(1000);
        assertThat(recorder().of(MessageCreated.class, e -> e.message().chatId().equals(chat)))
                .extracting(e -> e.message().seq()).containsExactlyElementsOf(oneToThousand);
    }

    @Test
    default void send_retriedClientMessageId_oneMessageAndOriginalAnswered() {
        TestUser alice = register("alice");
        TestUser bob = register("bob");
        String chat = direct(alice, bob);
        Response first = api().post("/api/chats/" + chat + "/messages", alice.token(),
                json("text", "hello", "clientMessageId", "retry-1"));

        Response retry = api().post("/api/chats/" + chat + "/messages", alice.token(),
                json("text", "hello, said differently", "clientMessageId", "retry-1"));

        assertThat(first.status()).isEqualTo(201);
        assertThat(retry.status()).isEqualTo(200);
        assertThat(retry.text("id")).isEqualTo(first.text("id"));
        assertThat(retry.number("seq")).isEqualTo(first.number("seq"));
        assertThat(retry.text("text")).isEqualTo("hello");
        assertThat(history(bob, chat)).singleElement()
                .satisfies(m -> assertThat(m.path("id").asString()).isEqualTo(first.text("id")));
    }

    @Test
    default void send_sameClientMessageIdTenTimesConcurrently_oneMessage() {
        TestUser alice = register("alice");
        TestUser bob = register("bob");
        String chat = direct(alice, bob);

        List<Response> answers = all(IntStream.range(0, 10).mapToObj(i -> new ApiClient(port()).sendAsync("POST",
                "/api/chats/" + chat + "/messages", alice.token(), json("text", "once", "clientMessageId", "c-1"))));

        assertThat(answers).extracting(Response::status).containsOnly(200, 201).containsOnlyOnce(201);
        assertThat(answers).extracting(a -> a.text("id")).containsOnly(answers.get(0).text("id"));
        assertThat(history(bob, chat)).singleElement()
                .satisfies(m -> assertThat(m.path("seq").asLong()).isEqualTo(1));
        assertThat(recorder().of(MessageCreated.class, e -> e.message().chatId().equals(chat))).hasSize(1);
    }

    @Test
    default void send_sameClientMessageIdFromAnotherSender_separateMessage() {
        TestUser alice = register("alice");
        TestUser bob = register("bob");
        String chat = direct(alice, bob);
        Response byAlice = api().post("/api/chats/" + chat + "/messages", alice.token(),
                json("text", "from alice", "clientMessageId", "shared"));

        Response byBob = api().post("/api/chats/" + chat + "/messages", bob.token(),
                json("text", "from bob", "clientMessageId", "shared"));

        assertThat(byBob.status()).isEqualTo(201);
        assertThat(byBob.text("id")).isNotEqualTo(byAlice.text("id"));
        assertThat(history(alice, chat)).extracting(m -> m.path("text").asString())
                .containsExactly("from alice", "from bob");
    }

    @Test
    default void send_bodyOver64KB_payloadTooLargeAndNothingStored() {
        TestUser alice = register("alice");
        String chat = group(alice);

        Response response = api().sendRaw("POST", "/api/chats/" + chat + "/messages", alice.token(),
                "{\"text\":\"" + "x".repeat(70_000) + "\"}");

        assertThat(response.status()).isEqualTo(413);
        assertThat(response.errorCode()).isEqualTo("PAYLOAD_TOO_LARGE");
        assertThat(history(alice, chat)).isEmpty();
    }

    @Test
    default void send_textOver4000Chars_badRequestNamingText() {
        TestUser alice = register("alice");
        String chat = group(alice);

        Response atLimit = api().post("/api/chats/" + chat + "/messages", alice.token(),
                json("text", "y".repeat(4000)));
        Response overLimit = api().post("/api/chats/" + chat + "/messages", alice.token(),
                json("text", "y".repeat(4001)));
        Response blank = api().post("/api/chats/" + chat + "/messages", alice.token(), json("text", "   "));

        assertThat(atLimit.status()).isEqualTo(201);
        assertThat(List.of(overLimit, blank)).allSatisfy(response -> {
            assertThat(response.status()).isEqualTo(400);
            assertThat(response.errorCode()).isEqualTo("VALIDATION_FAILED");
            assertThat(response.errorMessage()).startsWith("text:");
        });
        assertThat(history(alice, chat)).singleElement()
                .satisfies(m -> assertThat(m.path("text").asString()).hasSize(4000));
    }
}
