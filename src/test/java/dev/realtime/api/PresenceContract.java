package dev.realtime.api;

import static dev.realtime.api.TestUser.json;
import static org.assertj.core.api.Assertions.assertThat;

import dev.realtime.api.ApiClient.Response;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * {@code GET /api/presence} answers for the caller and for users who share a chat with the caller; anyone else,
 * and ids of no user, are left out of the items, so presence tells a stranger nothing, not even that a user exists.
 */
interface PresenceContract extends ApiFixture {

    private List<String> presenceOf(TestUser asker, TestUser... users) {
        return presenceOf(asker, List.of(users).stream().map(TestUser::id).toArray(String[]::new));
    }

    private List<String> presenceOf(TestUser asker, String... ids) {
        Response response = api().get("/api/presence?userIds=" + String.join(",", ids), asker.token());
        assertThat(response.status()).as("%s", response).isEqualTo(200);
        assertThat(response.body().path("hasMore").asBoolean()).isFalse();
        return ids(response.body().path("items"), "userId");
    }

    @Test
    default void presence_strangersAndUnknownIds_leftOut() {
        TestUser alice = register("alice");
        TestUser bob = register("bob");
        TestUser carol = register("carol");
        group(alice, bob);
        group(bob, carol);

        List<String> seen = presenceOf(alice, bob.id(), carol.id(), alice.id(), UUID.randomUUID().toString());

        assertThat(seen).containsExactly(bob.id(), alice.id());
    }

    @Test
    default void presence_onlyStrangers_emptyItems() {
        TestUser alice = register("alice");
        TestUser carol = register("carol");

        List<String> seen = presenceOf(alice, carol);

        assertThat(seen).isEmpty();
    }

    @Test
    default void presence_sharedChatStartsAndEnds_userShownOnlyMeanwhile() {
        TestUser alice = register("alice");
        TestUser carol = register("carol");
        List<String> before = presenceOf(alice, carol);
        String chat = group(carol, alice);

        List<String> during = presenceOf(alice, carol);
        Response removed = api().delete("/api/chats/" + chat + "/members/" + alice.id(), carol.token());
        List<String> after = presenceOf(alice, carol);

        assertThat(before).isEmpty();
        assertThat(during).containsExactly(carol.id());
        assertThat(removed.status()).isEqualTo(200);
        assertThat(after).isEmpty();
        assertThat(api().post("/api/chats", carol.token(), json("type", "direct", "memberIds", List.of(alice.id())))
                .status()).isEqualTo(201);
        assertThat(presenceOf(alice, carol)).containsExactly(carol.id());
    }
}
