package dev.realtime.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.realtime.api.ApiClient.Response;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The list of my chats pages on (lastActivityAt, id): equal times at a page boundary lose and repeat nothing. */
interface ChatCursorContract extends ApiFixture {

    /** Sets a chat's last activity directly in the database: the API never makes two equal on purpose. */
    void setLastActivity(String chatId, OffsetDateTime at);

    @Test
    default void list_equalActivityTimes_pagesWithBeforeAndBeforeId_everyChatOnce() {
        TestUser alice = register("alice");
        List<String> chats = IntStream.range(0, 5).mapToObj(i -> group(alice)).toList();
        OffsetDateTime same = OffsetDateTime.of(2026, 1, 2, 3, 4, 5, 678_000, ZoneOffset.UTC);
        chats.forEach(chat -> setLastActivity(chat, same));

        List<String> seen = new ArrayList<>();
        String query = "/api/chats?limit=2";
        for (int page = 0; page < 5; page++) {
            JsonNode body = api().get(query, alice.token()).body();
            body.path("items").forEach(chat -> seen.add(chat.path("id").asString()));
            if (!body.path("hasMore").asBoolean()) {
                break;
            }
            JsonNode last = body.path("items").path(body.path("items").size() - 1);
            query = "/api/chats?limit=2&before=" + encode(last.path("lastActivityAt").asString())
                    + "&beforeId=" + encode(last.path("id").asString());
        }

        assertThat(seen).containsExactlyInAnyOrderElementsOf(chats);
    }

    @Test
    default void list_beforeIdWithoutBefore_validationFailed() {
        TestUser alice = register("alice");

        Response list = api().get("/api/chats?beforeId=" + group(alice), alice.token());

        assertThat(list.status()).isEqualTo(400);
        assertThat(list.errorCode()).isEqualTo("VALIDATION_FAILED");
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
