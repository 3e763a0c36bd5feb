package dev.realtime.api;

import static dev.realtime.api.TestUser.json;
import static org.assertj.core.api.Assertions.assertThat;

import dev.realtime.api.ApiClient.Response;
import dev.realtime.chats.ChatEvents.ChatOwnerChanged;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A group always has an owner, who removes other members; when the owner leaves, the longest-standing member is
 * (members who joined at the same moment, as at creation, in id order).
 */
interface GroupOwnerContract extends ApiFixture {

    @Test
    default void create_group_ownedByCreator_directOwnedByNobody() {
        TestUser alice = register("alice");
        TestUser bob = register("bob");

        Response group = api().get("/api/chats/" + group(alice, bob), bob.token());
        Response direct = api().get("/api/chats/" + direct(alice, bob), bob.token());

        assertThat(group.text("ownerId")).isEqualTo(alice.id());
        assertThat(direct.body().path("ownerId").isNull()).as("direct: %s", direct).isTrue();
    }

    @Test
    default void ownerLeaves_longestStandingMemberOwnsAndRemovesOthers() {
        TestUser alice = register("alice");
        TestUser bob = register("bob");
        TestUser carol = register("carol");
        TestUser dave = register("dave");
        String chat = group(alice, bob);
        add(alice, chat, carol);
        add(alice, chat, dave);

        Response left = api().delete("/api/chats/" + chat + "/members/" + alice.id(), alice.token());
        Response removed = api().delete("/api/chats/" + chat + "/members/" + dave.id(), bob.token());

        assertThat(left.status()).isEqualTo(200);
        assertThat(left.text("ownerId")).isEqualTo(bob.id());
        assertThat(left.text("createdBy")).isEqualTo(alice.id());
        assertThat(removed.status()).as("the new owner removes a member: %s", removed).isEqualTo(200);
        assertThat(ids(removed.body().path("memberIds"))).containsExactly(bob.id(), carol.id());
        assertThat(recorder().of(ChatOwnerChanged.class, e -> e.chatId().equals(chat)))
                .singleElement()
                .satisfies(e -> {
                    assertThat(e.previousOwnerId()).isEqualTo(alice.id());
                    assertThat(e.ownerId()).isEqualTo(bob.id());
                });
    }

    @Test
    default void formerOwner_cannotRemoveAnyMore_andLaterMembersComeAfterEarlierOnes() {
        TestUser alice = register("alice");
        TestUser bob = register("bob");
        TestUser carol = register("carol");
        String chat = group(alice, bob);
        add(bob, chat, carol);
        api().delete("/api/chats/" + chat + "/members/" + alice.id(), alice.token());
        api().delete("/api/chats/" + chat + "/members/" + bob.id(), bob.token());

        Response chatNow = api().get("/api/chats/" + chat, carol.token());
        Response byFormer = api().delete("/api/chats/" + chat + "/members/" + carol.id(), alice.token());

        assertThat(chatNow.text("ownerId")).isEqualTo(carol.id());
        assertThat(byFormer.status()).isEqualTo(403);
    }

    @Test
    default void memberLeaves_ownerStays_noOwnerEvent() {
        TestUser alice = register("alice");
        TestUser bob = register("bob");
        String chat = group(alice, bob);

        Response left = api().delete("/api/chats/" + chat + "/members/" + bob.id(), bob.token());

        assertThat(left.text("ownerId")).isEqualTo(alice.id());
        assertThat(recorder().of(ChatOwnerChanged.class, e -> e.chatId().equals(chat))).isEmpty();
    }

    private void add(TestUser by, String chat, TestUser user) {
        Response added = api().post("/api/chats/" + chat + "/members", by.token(), json("userIds", List.of(user.id())));
        assertThat(added.status()).as("add: %s", added).isEqualTo(200);
    }
}
