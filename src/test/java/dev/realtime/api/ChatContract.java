package dev.realtime.api;

import static dev.realtime.api.TestUser.json;
import static org.assertj.core.api.Assertions.assertThat;

import dev.realtime.api.ApiClient.Response;
import dev.realtime.chats.ChatEvents.ChatMemberAdded;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Chats: who is a member, direct chats as one per pair, group membership changes and the order of the list. */
interface ChatContract extends ApiFixture {

    @Test
    default void createGroup_creatorNotListed_creatorIsMember() {
        TestUser alice = register("alice");
        TestUser bob = register("bob");

        Response created = api().post("/api/chats", alice.token(),
                json("type", "group", "title", "  Team  ", "memberIds", List.of(bob.id())));

        assertThat(created.status()).isEqualTo(201);
        assertThat(created.text("type")).isEqualTo("group");
        assertThat(created.text("title")).isEqualTo("Team");
        assertThat(created.text("createdBy")).isEqualTo(alice.id());
        assertThat(ids(created.body().path("memberIds"))).containsExactlyInAnyOrder(alice.id(), bob.id());
        assertThat(created.number("lastSeq")).isZero();
    }

    @Test
    default void createDirect_twice_sameChatWithOk() {
        TestUser alice = register("alice");
        TestUser bob = register("bob");
        Response first = createDirect(alice, bob);

        Response byAlice = createDirect(alice, bob);
        Response byBob = createDirect(bob, alice);

        assertThat(first.status()).isEqualTo(201);
        assertThat(ids(first.body().path("memberIds"))).containsExactlyInAnyOrder(alice.id(), bob.id());
        assertThat(byAlice.status()).isEqualTo(200);
        assertThat(byBob.status()).isEqualTo(200);
        assertThat(byAlice.text("id")).isEqualTo(first.text("id"));
        assertThat(byBob.text("id")).isEqualTo(first.text("id"));
        assertThat(ids(byBob.body().path("memberIds"))).containsExactlyInAnyOrder(alice.id(), bob.id());
    }

    @Test
    default void createDirect_concurrently_oneChat() {
        TestUser alice = register("alice");
        TestUser bob = register("bob");

        List<Response> answers = all(IntStream.range(0, 10).mapToObj(i -> api().sendAsync("POST", "/api/chats",
                (i % 2 == 0 ? alice : bob).token(),
                json("type", "direct", "memberIds", List.of((i % 2 == 0 ? bob : alice).id())))));

        assertThat(answers).extracting(Response::status).containsOnly(200, 201).containsOnlyOnce(201);
        assertThat(answers).extracting(a -> a.text("id")).containsOnly(answers.get(0).text("id"));
    }

    @Test
    default void createDirect_notExactlyOneOtherMember_badRequest() {
        TestUser alice = register("alice");
        TestUser bob = register("bob");
        TestUser carol = register("carol");

        Response alone = api().post("/api/chats", alice.token(), json("type", "direct", "memberIds", List.of()));
        Response self = api().post("/api/chats", alice.token(),
                json("type", "direct", "memberIds", List.of(alice.id())));
        Response three = api().post("/api/chats", alice.token(),
                json("type", "direct", "memberIds", List.of(bob.id(), carol.id())));

        assertThat(List.of(alone, self, three)).allSatisfy(response -> {
            assertThat(response.status()).isEqualTo(400);
            assertThat(response.errorMessage()).startsWith("memberIds:");
        });
    }

    @Test
    default void create_unknownTypeOrMember_badRequestNamingField() {
        TestUser alice = register("alice");

        Response badType = api().post("/api/chats", alice.token(), json("type", "channel", "memberIds", List.of()));
        Response unknownMember = api().post("/api/chats", alice.token(),
                json("type", "group", "memberIds", List.of(UUID.randomUUID().toString())));

        assertThat(badType.status()).isEqualTo(400);
        assertThat(badType.errorMessage()).startsWith("type:");
        assertThat(unknownMember.status()).isEqualTo(400);
        assertThat(unknownMember.errorMessage()).startsWith("memberIds:");
    }

    @Test
    default void addMembers_group_newMemberSeesChatAndHistory() {
        TestUser alice = register("alice");
        TestUser bob = register("bob");
        TestUser carol = register("carol");
        String chat = group(alice, bob);
        send(alice, chat, "before carol");

        Response added = api().post("/api/chats/" + chat + "/members", bob.token(),
                json("userIds", List.of(carol.id())));

        assertThat(added.status()).isEqualTo(200);
        assertThat(ids(added.body().path("memberIds"))).containsExactlyInAnyOrder(alice.id(), bob.id(), carol.id());
        assertThat(api().get("/api/chats/" + chat, carol.token()).status()).isEqualTo(200);
        assertThat(history(carol, chat)).extracting(m -> m.path("text").asString()).containsExactly("before carol");
    }

    @Test
    default void addMembers_sameMemberConcurrently_addedOnceAndAnnouncedOnce() {
        TestUser alice = register("alice");
        TestUser bob = register("bob");
        TestUser carol = register("carol");
        String chat = group(alice, bob);
        ApiClient client = new ApiClient(port());

        List<Response> answers = all(IntStream.range(0, 10).mapToObj(i -> client.sendAsync("POST",
                "/api/chats/" + chat + "/members", alice.token(), json("userIds", List.of(carol.id())))));

        assertThat(answers).extracting(Response::status).containsOnly(200);
        assertThat(ids(api().get("/api/chats/" + chat, alice.token()).body().path("memberIds")))
                .containsExactlyInAnyOrder(alice.id(), bob.id(), carol.id());
        assertThat(recorder().of(ChatMemberAdded.class, e -> e.chatId().equals(chat))).hasSize(1);
    }

    @Test
    default void removeMember_byCreator_memberLosesAccess() {
        TestUser alice = register("alice");
        TestUser bob = register("bob");
        TestUser carol = register("carol");
        String chat = group(alice, bob, carol);

        Response removed = api().delete("/api/chats/" + chat + "/members/" + bob.id(), alice.token());

        assertThat(removed.status()).isEqualTo(200);
        assertThat(ids(removed.body().path("memberIds"))).containsExactlyInAnyOrder(alice.id(), carol.id());
        assertThat(api().get("/api/chats/" + chat, bob.token()).status()).isEqualTo(403);
        assertThat(api().post("/api/chats/" + chat + "/messages", bob.token(), json("text", "still here?")).status())
                .isEqualTo(403);
        assertThat(ids(api().get("/api/chats", bob.token()).body().path("items"), "id")).doesNotContain(chat);
    }

    @Test
    default void removeMember_otherMemberByNonCreator_forbiddenButLeavingAllowed() {
        TestUser alice = register("alice");
        TestUser bob = register("bob");
        TestUser carol = register("carol");
        String chat = group(alice, bob, carol);

        Response removeCarol = api().delete("/api/chats/" + chat + "/members/" + carol.id(), bob.token());
        Response leave = api().delete("/api/chats/" + chat + "/members/" + bob.id(), bob.token());

        assertThat(removeCarol.status()).isEqualTo(403);
        assertThat(removeCarol.errorCode()).isEqualTo("FORBIDDEN");
        assertThat(leave.status()).isEqualTo(200);
        assertThat(ids(leave.body().path("memberIds"))).containsExactlyInAnyOrder(alice.id(), carol.id());
    }

    @Test
    default void changeMembers_directChat_conflict() {
        TestUser alice = register("alice");
        TestUser bob = register("bob");
        TestUser carol = register("carol");
        String chat = direct(alice, bob);

        Response add = api().post("/api/chats/" + chat + "/members", alice.token(),
                json("userIds", List.of(carol.id())));
        Response remove = api().delete("/api/chats/" + chat + "/members/" + bob.id(), alice.token());

        assertThat(add.status()).isEqualTo(409);
        assertThat(remove.status()).isEqualTo(409);
        assertThat(ids(api().get("/api/chats/" + chat, alice.token()).body().path("memberIds")))
                .containsExactlyInAnyOrder(alice.id(), bob.id());
    }

    @Test
    default void list_severalChats_newestActivityFirst() {
        TestUser alice = register("alice");
        TestUser bob = register("bob");
        String first = group(alice, bob);
        String second = direct(alice, bob);
        String third = group(alice);
        send(bob, first, "bump");

        Response list = api().get("/api/chats", alice.token());

        assertThat(list.status()).isEqualTo(200);
        assertThat(ids(list.body().path("items"), "id")).containsExactly(first, third, second);
        assertThat(list.body().path("hasMore").asBoolean()).isFalse();
    }

    @Test
    default void list_limitBelowCount_hasMoreAndNextPageBefore() {
        TestUser alice = register("alice");
        String first = group(alice);
        String second = group(alice);
        String third = group(alice);

        Response page1 = api().get("/api/chats?limit=2", alice.token());
        String before = page1.body().path("items").path(1).path("lastActivityAt").asString();
        Response page2 = api().get("/api/chats?limit=2&before=" + URLEncoder.encode(before, StandardCharsets.UTF_8),
                alice.token());

        assertThat(ids(page1.body().path("items"), "id")).containsExactly(third, second);
        assertThat(page1.body().path("hasMore").asBoolean()).isTrue();
        assertThat(ids(page2.body().path("items"), "id")).containsExactly(first);
        assertThat(page2.body().path("hasMore").asBoolean()).isFalse();
    }

    @Test
    default void nonMember_getSendOrHistory_forbidden() {
        TestUser alice = register("alice");
        TestUser bob = register("bob");
        TestUser mallory = register("mallory");
        String chat = group(alice, bob);
        send(alice, chat, "private");

        Response get = api().get("/api/chats/" + chat, mallory.token());
        Response post = api().post("/api/chats/" + chat + "/messages", mallory.token(), json("text", "let me in"));
        Response history = api().get("/api/chats/" + chat + "/messages", mallory.token());
        Response read = api().post("/api/chats/" + chat + "/read", mallory.token(), json("seq", 1));

        assertThat(List.of(get, post, history, read)).allSatisfy(response -> {
            assertThat(response.status()).isEqualTo(403);
            assertThat(response.errorCode()).isEqualTo("FORBIDDEN");
        });
        assertThat(history(alice, chat)).hasSize(1);
    }

    @Test
    default void unknownChat_getSendOrHistory_notFound() {
        TestUser alice = register("alice");
        String chat = "/api/chats/" + UUID.randomUUID();

        Response get = api().get(chat, alice.token());
        Response post = api().post(chat + "/messages", alice.token(), json("text", "hello?"));
        Response history = api().get(chat + "/messages", alice.token());

        assertThat(List.of(get, post, history)).allSatisfy(response -> {
            assertThat(response.status()).isEqualTo(404);
            assertThat(response.errorCode()).isEqualTo("NOT_FOUND");
        });
    }
}
