package dev.realtime.api;

import static dev.realtime.api.TestUser.json;
import static org.assertj.core.api.Assertions.assertThat;

import dev.realtime.api.ApiClient.Response;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import tools.jackson.databind.JsonNode;

/** What the API contracts share: the server under test, users, chats and messages made through the API. */
interface ApiFixture {

    /** A client of the server under test. */
    ApiClient api();

    /** The port the server under test listens on, for more clients. */
    int port();

    /** The domain events the server under test has published so far. */
    DomainEventRecorder recorder();

    default TestUser register(String prefix) {
        return TestUser.register(api(), prefix);
    }

    default List<TestUser> registerAll(int count) {
        return IntStream.range(0, count).mapToObj(i -> register("user" + i)).toList();
    }

    default String group(TestUser owner, TestUser... members) {
        return created(api().post("/api/chats", owner.token(),
                json("type", "group", "memberIds", Arrays.stream(members).map(TestUser::id).toList())));
    }

    default String direct(TestUser owner, TestUser other) {
        return created(createDirect(owner, other));
    }

    default Response createDirect(TestUser owner, TestUser other) {
        return api().post("/api/chats", owner.token(), json("type", "direct", "memberIds", List.of(other.id())));
    }

    private static String created(Response response) {
        assertThat(response.status()).as("create chat: %s", response).isEqualTo(201);
        return response.text("id");
    }

    default JsonNode send(TestUser sender, String chatId, String text) {
        Response response = api().post("/api/chats/" + chatId + "/messages", sender.token(), json("text", text));
        assertThat(response.status()).as("send: %s", response).isEqualTo(201);
        return response.body();
    }

    /** The whole history of a chat, oldest first, read page by page forwards. */
    default List<JsonNode> history(TestUser reader, String chatId) {
        List<JsonNode> messages = new ArrayList<>();
        long after = 0;
        boolean more = true;
        while (more) {
            Response page = api().get("/api/chats/" + chatId + "/messages?limit=200&afterSeq=" + after, reader.token());
            assertThat(page.status()).as("history: %s", page).isEqualTo(200);
            page.body().path("items").forEach(messages::add);
            more = page.body().path("hasMore").asBoolean();
            if (!messages.isEmpty()) {
                after = messages.get(messages.size() - 1).path("seq").asLong();
            }
        }
        return messages;
    }

    default <T> List<T> all(Stream<CompletableFuture<T>> futures) {
        List<CompletableFuture<T>> started = futures.toList();
        return started.stream().map(CompletableFuture::join).toList();
    }

    default List<String> ids(JsonNode array) {
        return StreamSupport.stream(array.spliterator(), false).map(JsonNode::asString).toList();
    }

    default List<String> ids(JsonNode array, String field) {
        return StreamSupport.stream(array.spliterator(), false).map(node -> node.path(field).asString()).toList();
    }

    default JsonNode member(Response chat, String userId) {
        assertThat(chat.status()).as("chat: %s", chat).isEqualTo(200);
        return StreamSupport.stream(chat.body().path("members").spliterator(), false)
                .filter(m -> m.path("userId").asString().equals(userId))
                .findFirst().orElseThrow(() -> new AssertionError(userId + " is not in " + chat));
    }

    default void assertPosition(JsonNode member, long lastReadSeq, long lastDeliveredSeq) {
        assertThat(member.path("lastReadSeq").asLong()).as("lastReadSeq of %s", member).isEqualTo(lastReadSeq);
        assertThat(member.path("lastDeliveredSeq").asLong()).as("lastDeliveredSeq of %s", member)
                .isEqualTo(lastDeliveredSeq);
    }

    default void assertPage(Response page, boolean hasMore, long... seqs) {
        assertThat(page.status()).as("page: %s", page).isEqualTo(200);
        assertThat(StreamSupport.stream(page.body().path("items").spliterator(), false)
                .map(m -> m.path("seq").asLong()).toList())
                .as("seqs of %s", page).containsExactlyElementsOf(LongStream.of(seqs).boxed().toList());
        assertThat(page.body().path("hasMore").asBoolean()).as("hasMore of %s", page).isEqualTo(hasMore);
    }
}
