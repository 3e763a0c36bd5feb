package dev.realtime.api;

import static dev.realtime.api.TestUser.PASSWORD;
import static dev.realtime.api.TestUser.json;
import static dev.realtime.api.TestUser.unique;
import static org.assertj.core.api.Assertions.assertThat;

import dev.realtime.api.ApiClient.Response;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** {@code GET /api/users}: finding someone to chat with, by exact username or by the start of one. */
interface UserSearchContract extends ApiFixture {

    @Test
    default void searchByUsername_exactIgnoringCase_theUserOrAnEmptyPage() {
        TestUser alice = register("alice");
        TestUser bob = register("bob");

        Response found = api().get("/api/users?username=" + bob.username().toUpperCase(Locale.ROOT), alice.token());
        Response missing = api().get("/api/users?username=nobody_" + unique(), alice.token());

        assertThat(found.status()).isEqualTo(200);
        assertThat(ids(found)).containsExactly(bob.id());
        assertThat(found.body().path("items").get(0).has("passwordHash")).isFalse();
        assertThat(ids(missing)).isEmpty();
        assertThat(missing.body().path("hasMore").asBoolean()).isFalse();
    }

    @Test
    default void searchByPrefix_pagedByNameWithACursor_wildcardsTakenLiterally() {
        TestUser alice = register("alice");
        String stem = "srch" + unique().substring(0, 6);
        List<TestUser> named = List.of("c", "a", "b").stream().map(suffix -> TestUser.of(api().post(
                "/api/auth/register", null, json("username", stem + "_" + suffix, "password", PASSWORD)))).toList();
        TestUser decoy = TestUser.of(api().post("/api/auth/register", null,
                json("username", stem + "x" + "a", "password", PASSWORD)));

        Response first = api().get("/api/users?q=" + stem + "_&limit=2", alice.token());
        Response second = api().get("/api/users?q=" + stem + "_&limit=2&after=" + stem + "_b", alice.token());

        assertThat(ids(first)).containsExactly(named.get(1).id(), named.get(2).id());
        assertThat(first.body().path("hasMore").asBoolean()).isTrue();
        assertThat(ids(second)).containsExactly(named.get(0).id());
        assertThat(second.body().path("hasMore").asBoolean()).isFalse();
        assertThat(ids(api().get("/api/users?q=" + stem + "%25", alice.token()))).isEmpty();
        assertThat(ids(api().get("/api/users?q=" + stem, alice.token()))).hasSize(4).contains(decoy.id());
    }

    @Test
    default void search_badQueries_validationFailedNamingTheParameter() {
        TestUser alice = register("alice");

        List<Response> answers = List.of(
                api().get("/api/users", alice.token()),
                api().get("/api/users?username=a&q=b", alice.token()),
                api().get("/api/users?q=" + "x".repeat(33), alice.token()),
                api().get("/api/users?q=ab&limit=0", alice.token()),
                api().get("/api/users?q=ab&limit=100000", alice.token()));

        assertThat(answers).allSatisfy(response -> {
            assertThat(response.status()).isEqualTo(400);
            assertThat(response.errorCode()).isEqualTo("VALIDATION_FAILED");
        });
        assertThat(api().get("/api/users?q=ab", null).status()).isEqualTo(401);
    }

    private static List<String> ids(Response page) {
        return page.body().path("items").valueStream().map(user -> user.path("id").asString()).toList();
    }
}
